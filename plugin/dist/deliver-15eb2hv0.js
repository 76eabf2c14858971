// @bun
import {
  claimNewMail2,
  formatDelivery2,
  additionalContext2
} from "./app-y0jwhdk0.js";
import"./app-wszmtx83.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  formatDelivery2 as formatDelivery
};
