// @bun
import {
  claimNewMail2,
  claimedText2,
  formatDelivery2,
  additionalContext2
} from "./app-k1bxee7x.js";
import"./app-y5nxmz2s.js";
import"./app-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  claimedText2 as claimedText,
  formatDelivery2 as formatDelivery
};
