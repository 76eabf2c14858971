// @bun
import {
  mailHandover2,
  createWakeCheck2,
  idleOrBusy2
} from "./app-3dn82a0q.js";
import"./app-szk2ejsq.js";
export {
  createWakeCheck2 as createWakeCheck,
  idleOrBusy2 as idleOrBusy,
  mailHandover2 as mailHandover
};
