// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-rpx35yvx.js";
import"./app-kbyzm6zf.js";
import"./app-fg5rg928.js";
import"./app-szk2ejsq.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
