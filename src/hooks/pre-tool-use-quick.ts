// PreToolUse's common case, answered by the hooks' routes (bin/hook-routes.ts) before anything
// else loads: the hook runs before every tool call, and most of the time there is nothing to do
// (no new mail, not an edit of a claimed file). This file and what it imports are the whole of
// that path (no node:fs, no zod, no store), bundled into hook-routes.js (scripts/bundle.ts).
import type { QuickConfig } from '../core/config.ts';
import { quickHasClaims, quickInbox } from '../store/quick.ts';
import type { QuickInbox } from '../store/quick.ts';
import type { HookInput } from './input.ts';

/** intercom's own tools (`mcp__intercom__send`, or `mcp__plugin_intercom_intercom__send` as a plugin). */
export function isIntercomTool(toolName: string | undefined): boolean {
  return toolName !== undefined && /^mcp__(?:.*_)?intercom__/.test(toolName);
}

/** The tools that write a file, and the input field naming it. */
const EDIT_TOOLS: Record<string, string> = { Edit: 'file_path', Write: 'file_path', MultiEdit: 'file_path', NotebookEdit: 'notebook_path' };

/** The absolute path an edit tool call writes, if it is one. */
export function editedFile(input: HookInput, cwd: string): string | undefined {
  const field = input.toolName ? EDIT_TOOLS[input.toolName] : undefined;
  const value = field ? input.toolInput?.[field] : undefined;
  if (typeof value !== 'string' || value === '') return undefined;
  return value.startsWith('/') ? value : `${input.cwd ?? cwd}/${value}`;
}

/**
 * What this tool call needs from intercom, as far as a glance tells:
 * - `nothing`: one of intercom's own tools, or a call that is no claimed edit and whose session
 *   has no new mail (a subagent's call never takes mail: its context is not the main thread's);
 * - `mail`: mail waits for the linked session, and that is all (no claimed edit, no identity
 *   override): the lean route (hooks/pre-tool-use-lean.ts) can hand it over;
 * - `full`: the full hook decides (a claimed edit, a session not linked yet, an identity override).
 */
export type QuickVerdict = { kind: 'nothing' } | { kind: 'mail'; inbox: QuickInbox } | { kind: 'full' };

const NOTHING: QuickVerdict = { kind: 'nothing' };
const FULL: QuickVerdict = { kind: 'full' };

export async function quickVerdict(config: QuickConfig, input: HookInput): Promise<QuickVerdict> {
  if (isIntercomTool(input.toolName)) return NOTHING; // it is already talking to intercom
  const file = editedFile(input, config.cwd);
  if (file !== undefined && (await quickHasClaims(config.storeDir))) return FULL;
  if (input.agentId !== undefined) return NOTHING;
  if (!input.sessionId || config.identityOverride !== undefined) return FULL;
  const inbox = await quickInbox(config.storeDir, input.sessionId);
  if (inbox === undefined) return FULL;
  return inbox.hasMail ? { kind: 'mail', inbox } : NOTHING;
}

/** True when this tool call needs nothing from intercom (quickVerdict's `nothing`). */
export async function nothingToDo(config: QuickConfig, input: HookInput): Promise<boolean> {
  return (await quickVerdict(config, input)).kind === 'nothing';
}
