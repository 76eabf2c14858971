// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-dx1k9e0h.js";
import"./app-fyj47tfj.js";
import"./app-7hxry1f2.js";
import"./app-cv8ntm86.js";
import"./app-zs7p7tnf.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
