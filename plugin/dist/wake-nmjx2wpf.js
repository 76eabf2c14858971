// @bun
import {
  mailHandover2,
  createWakeCheck2,
  idleOrBusy2
} from "./intercom-tnqqppqk.js";
import"./intercom-g4qpvbj1.js";
export {
  createWakeCheck2 as createWakeCheck,
  idleOrBusy2 as idleOrBusy,
  mailHandover2 as mailHandover
};
