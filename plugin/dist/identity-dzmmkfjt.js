// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-2gew7fg0.js";
import"./app-qm0dvrsc.js";
import"./app-pez2kmty.js";
import"./app-1gchtcgh.js";
import"./app-513mj3jz.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
