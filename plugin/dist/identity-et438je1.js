// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./intercom-92qq735e.js";
import"./intercom-xp5bq3nj.js";
import"./intercom-95dysxpx.js";
import"./intercom-1yfyzd23.js";
import"./intercom-g4qpvbj1.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
