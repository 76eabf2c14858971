// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-2cte5pft.js";
import"./app-7ad9p4wy.js";
import"./app-jn3phe3s.js";
import"./app-dy5mrpra.js";
import"./app-jfdnnj6k.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
