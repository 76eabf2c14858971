// @bun
import {
  registerSelf2,
  hookClaude2,
  hookAgent2,
  cliSender2
} from "./app-2w374fj8.js";
import"./app-k1kn2ssd.js";
import"./app-wjvxasyr.js";
import"./app-fgrk1ekz.js";
import"./app-shp9afcm.js";
export {
  cliSender2 as cliSender,
  hookAgent2 as hookAgent,
  hookClaude2 as hookClaude,
  registerSelf2 as registerSelf
};
