// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-dpf3ndqk.js";
import"./app-cdh9n0dx.js";
import"./app-48v85rfs.js";
import"./app-gczf6fm7.js";
import"./app-6cnv78e9.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
