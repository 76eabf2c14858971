// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-zhcghyaa.js";
import"./app-s5cq1vgv.js";
import"./app-vne21amf.js";
import"./app-p8z4rjgm.js";
import"./app-jfdnnj6k.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
