// @bun
import {
  claimNewMail2,
  claimedText2,
  formatDelivery2,
  additionalContext2
} from "./app-etk99p42.js";
import"./app-bc83tm8f.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  claimedText2 as claimedText,
  formatDelivery2 as formatDelivery
};
