// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-znb6qkcs.js";
import"./app-rxvmqfm2.js";
import"./app-vre1v3fm.js";
import"./app-thjtj27a.js";
import"./app-rntq7e3m.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
