// @bun
import {
  claimNewMail2,
  claimedText2,
  formatDelivery2,
  additionalContext2
} from "./app-0q3cw8qf.js";
import"./app-rxa1a9cd.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  claimedText2 as claimedText,
  formatDelivery2 as formatDelivery
};
