// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-6zgnmxzh.js";
import"./app-3at5djgh.js";
import"./app-kmk9t817.js";
import"./app-ebq5vndk.js";
import"./app-famjcds9.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
