// @bun
// src/hooks/context.ts
function selfOf(ctx) {
  return { sessionId: ctx.input.sessionId, pid: ctx.pid, claudePid: ctx.config.claudePid, identityOverride: ctx.config.identityOverride };
}
function seenBy(ctx) {
  const { at, firstPid } = ctx.launch();
  return { sessionId: ctx.input.sessionId, transcriptPath: ctx.input.transcriptPath, at, firstPid };
}

export { selfOf, seenBy };
