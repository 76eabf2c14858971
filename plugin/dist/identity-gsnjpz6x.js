// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-awdkydgj.js";
import"./app-sm3h99hn.js";
import"./app-8gsdsb4d.js";
import"./app-27evxs6m.js";
import"./app-0cmfr3r1.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
