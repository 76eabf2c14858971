// @bun
import {
  claimNewMail2,
  formatDelivery2,
  additionalContext2
} from "./intercom-4tymz8gn.js";
import"./intercom-nv9fbcp3.js";
import"./intercom-4xx3ma53.js";
export {
  additionalContext2 as additionalContext,
  claimNewMail2 as claimNewMail,
  formatDelivery2 as formatDelivery
};
