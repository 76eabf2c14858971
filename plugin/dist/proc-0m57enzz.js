// @bun
import {
  procInfo2,
  isProcessAlive2,
  ancestors2,
  findClaudeAncestor2,
  claudeCandidates2,
  commandLine2,
  processSnapshot2,
  descendants2,
  isClaudeArgv2,
  processCwd2,
  stopProcess2
} from "./intercom-g4qpvbj1.js";
export {
  ancestors2 as ancestors,
  claudeCandidates2 as claudeCandidates,
  commandLine2 as commandLine,
  descendants2 as descendants,
  findClaudeAncestor2 as findClaudeAncestor,
  isClaudeArgv2 as isClaudeArgv,
  isProcessAlive2 as isProcessAlive,
  procInfo2 as procInfo,
  processCwd2 as processCwd,
  processSnapshot2 as processSnapshot,
  stopProcess2 as stopProcess
};
