// PreToolUse's common case, answered by the entry point before anything else loads: the hook
// runs before every tool call, and most of the time there is nothing to do (no new mail, not an
// edit of a claimed file). This file and what it imports are the whole of that path (no node:fs,
// no zod, no store), bundled into the entry file itself (scripts/bundle.ts): one file to load.
import type { QuickConfig } from '../core/config.ts';
import { quickHasClaims, quickInbox } from '../store/quick.ts';
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
 * True when this tool call needs nothing from intercom: one of intercom's own tools, or a call
 * that is no claimed edit and whose session has no new mail (a subagent's call never takes mail:
 * its context is not the main thread's). False means "take the full hook": mail waiting, a
 * claimed edit, a session not linked yet, or an identity override to resolve.
 */
export async function nothingToDo(config: QuickConfig, input: HookInput): Promise<boolean> {
  if (isIntercomTool(input.toolName)) return true; // it is already talking to intercom
  const file = editedFile(input, config.cwd);
  if (file !== undefined && (await quickHasClaims(config.storeDir))) return false;
  if (input.agentId !== undefined) return true;
  if (!input.sessionId || config.identityOverride !== undefined) return false;
  return (await quickInbox(config.storeDir, input.sessionId))?.waiting === 0;
}
