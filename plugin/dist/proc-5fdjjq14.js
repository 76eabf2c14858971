// @bun
import {
  procInfo2,
  processStartedAt2,
  lastCreatedPid2,
  pidCreatedAfter2,
  isProcessAlive2,
  ancestors2,
  findClaudeAncestor2,
  findNamedClaude2,
  claudeCandidates2,
  commandLine2,
  processSnapshot2,
  descendants2,
  isClaudeArgv2,
  processCwd2,
  inotifyDescriptors2,
  stopProcess2
} from "./app-fgrk1ekz.js";
export {
  ancestors2 as ancestors,
  claudeCandidates2 as claudeCandidates,
  commandLine2 as commandLine,
  descendants2 as descendants,
  findClaudeAncestor2 as findClaudeAncestor,
  findNamedClaude2 as findNamedClaude,
  inotifyDescriptors2 as inotifyDescriptors,
  isClaudeArgv2 as isClaudeArgv,
  isProcessAlive2 as isProcessAlive,
  lastCreatedPid2 as lastCreatedPid,
  pidCreatedAfter2 as pidCreatedAfter,
  procInfo2 as procInfo,
  processCwd2 as processCwd,
  processSnapshot2 as processSnapshot,
  processStartedAt2 as processStartedAt,
  stopProcess2 as stopProcess
};
