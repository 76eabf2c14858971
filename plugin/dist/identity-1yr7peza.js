// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-yef78ssj.js";
import"./app-f3ak4bht.js";
import"./app-wjvxasyr.js";
import"./app-fgrk1ekz.js";
import"./app-4rveed33.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
