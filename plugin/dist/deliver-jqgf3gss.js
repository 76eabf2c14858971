// @bun
import {
  claimNewMail2,
  formatDelivery2,
  additionalContext2
} from "./app-0df747rp.js";
import"./app-rxa1a9cd.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  formatDelivery2 as formatDelivery
};
