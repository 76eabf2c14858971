// @bun
import {
  claimNewMail2,
  claimedText2,
  formatDelivery2,
  additionalContext2
} from "./app-2y601mgb.js";
import"./app-x0v5adt4.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  claimedText2 as claimedText,
  formatDelivery2 as formatDelivery
};
