// The store's errors and notes are written for the model, naming MCP tools ("call peek"). A person
// at the CLI has commands instead; this swaps each tool hint for the command that does the same.
const HINTS: [RegExp, string][] = [
  [/\b[Cc]all peek\b/g, 'run `intercom inbox`'],
  [/\b[Cc]all who with scope all\b/g, 'run `intercom who`'],
  [/\bCall who\b/g, 'Run `intercom who`'],
  [/\bcall who\b/g, 'run `intercom who`'],
  [/\blist_sessions\b/g, '`intercom sessions`'],
  [/\bcall claims\b/g, 'run `intercom claims`'],
  [/\bcall status without ids\b/g, 'run `intercom status` without ids'],
  [/\bCall status\b/g, 'Run `intercom status`'],
  [/\buse (ask|send|search)\b/g, 'use `intercom $1`'],
];

export function forHumans(text: string): string {
  return HINTS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}
