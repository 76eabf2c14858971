// The hook events the entry point (bin/intercom.ts) offers the lifecycle hooks' lean route
// (lifecycle-lean.ts) before loading bin/app.ts. Its own file: the entry inlines what it imports,
// and PreToolUse, which loads the entry on every tool call, pays for every byte of it.

/** `intercom hook <event>` names: UserPromptSubmit, SessionEnd, and the watcher's three events. */
export const LIFECYCLE_EVENTS: ReadonlySet<string> = new Set([
  'session-start',
  'user-prompt-submit',
  'stop',
  'stop-failure',
  'session-end',
]);
