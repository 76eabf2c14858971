// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-29bjwweg.js";
import"./app-0mdqzphq.js";
import"./app-qne7c0ff.js";
import"./app-jfdnnj6k.js";
import"./app-p8z4rjgm.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
