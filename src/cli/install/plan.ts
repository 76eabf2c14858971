// What `intercom install` and `intercom uninstall` change, computed without touching the disk:
// the MCP server in Claude Code's user config, the hooks in its settings.json, and the skill.
import { IntercomError } from '../../core/errors.ts';
import { HOOK_EVENTS, hooksConfig, isIntercomHookCommand } from './hooks-spec.ts';
import type { HookGroup } from './hooks-spec.ts';

export interface InstallTarget {
  /** Claude Code's user config with `mcpServers` (~/.claude.json, or $CLAUDE_CONFIG_DIR/.claude.json). */
  userConfigFile: string;
  /** Claude Code's settings with `hooks` ($CLAUDE_CONFIG_DIR/settings.json, default ~/.claude/settings.json). */
  settingsFile: string;
  /** Where the skill goes: <config dir>/skills/intercom/SKILL.md. */
  skillFile: string;
}

export interface Runtime {
  /** Absolute path of the bun binary that runs intercom. */
  bun: string;
  /** Absolute path of src/bin/intercom.ts. */
  entry: string;
  /** The skill text to install. */
  skill: string;
}

export interface FileChange {
  path: string;
  /** undefined: the file does not exist. */
  before: string | undefined;
  /** undefined: the file is to be deleted. */
  after: string | undefined;
  summary: string[];
}

export const SERVER_NAME = 'intercom';

type Json = Record<string, unknown>;

function parseJsonFile(path: string, text: string | undefined): Json {
  if (text === undefined || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new IntercomError(
      'BAD_INPUT',
      `${path} is not valid JSON (${(error as Error).message}); fix it or move it aside, then run this again. Nothing was changed.`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new IntercomError(
      'BAD_INPUT',
      `${path} does not hold a JSON object; fix it or move it aside, then run this again. Nothing was changed.`,
    );
  }
  return value as Json;
}

const render = (value: Json) => `${JSON.stringify(value, null, 2)}\n`;
const quote = (path: string) => `"${path.replace(/(["\\$`])/g, '\\$1')}"`;

export function commandPrefix(runtime: Runtime): string {
  return `${quote(runtime.bun)} ${quote(runtime.entry)}`;
}

/** Tool-call timeout for the server (ms): `ask` may wait up to 600 s for an answer. */
export const SERVER_TIMEOUT_MS = 660_000;

function serverEntry(runtime: Runtime) {
  return { type: 'stdio', command: runtime.bun, args: [runtime.entry, 'mcp'], timeout: SERVER_TIMEOUT_MS };
}

/** An mcpServers entry that runs some intercom's `mcp` command (ours to replace or remove). */
function isOurServer(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { command, args } = entry as { command?: unknown; args?: unknown };
  const argv = [command, ...(Array.isArray(args) ? args : [])].map(String);
  return argv.some((a) => /intercom(\.ts)?$/.test(a)) && argv.at(-1) === 'mcp';
}

/** Remove every intercom hook from a settings.hooks object; drop groups and events left empty. */
function withoutOurHooks(hooks: Json): Json {
  const out: Json = {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) {
      out[event] = groups;
      continue;
    }
    const kept = (groups as HookGroup[])
      .map((g) => (Array.isArray(g?.hooks) ? { ...g, hooks: g.hooks.filter((h) => !isIntercomHookCommand(h?.command)) } : g))
      .filter((g) => !Array.isArray(g?.hooks) || g.hooks.length > 0);
    if (kept.length) out[event] = kept;
  }
  return out;
}

function change(path: string, before: string | undefined, after: string | undefined, summary: string[]): FileChange[] {
  return before === after ? [] : [{ path, before, after, summary }];
}

export interface CurrentFiles {
  userConfig: string | undefined;
  settings: string | undefined;
  skill: string | undefined;
}

export function planInstall(target: InstallTarget, current: CurrentFiles, runtime: Runtime): FileChange[] {
  const userConfig = parseJsonFile(target.userConfigFile, current.userConfig);
  const servers = (userConfig.mcpServers ?? {}) as Json;
  if (servers[SERVER_NAME] !== undefined && !isOurServer(servers[SERVER_NAME])) {
    throw new IntercomError(
      'CONFLICT',
      `${target.userConfigFile} already has an MCP server named "${SERVER_NAME}" that is not intercom; rename or remove it, then run intercom install again. Nothing was changed.`,
    );
  }
  const nextUserConfig = { ...userConfig, mcpServers: { ...servers, [SERVER_NAME]: serverEntry(runtime) } };

  const settings = parseJsonFile(target.settingsFile, current.settings);
  const cleaned = withoutOurHooks((settings.hooks ?? {}) as Json);
  const ours = hooksConfig(commandPrefix(runtime));
  const mergedHooks: Json = { ...cleaned };
  for (const [event, groups] of Object.entries(ours)) mergedHooks[event] = [...((cleaned[event] as unknown[]) ?? []), ...groups];
  const nextSettings = { ...settings, hooks: mergedHooks };

  return [
    ...change(target.userConfigFile, current.userConfig, render(nextUserConfig), [
      `MCP server "${SERVER_NAME}": ${runtime.bun} ${runtime.entry} mcp`,
    ]),
    ...change(target.settingsFile, current.settings, render(nextSettings), [
      `hooks: ${Object.keys(HOOK_EVENTS).join(', ')} → intercom hook <event>`,
    ]),
    ...change(target.skillFile, current.skill, runtime.skill, ['skill "intercom" (when to check, announce, reply)']),
  ];
}

/** The skill intercom installs: its frontmatter names it "intercom". */
function isIntercomSkill(text: string): boolean {
  return /^---\n(?:[^\n]*\n)*?name:\s*intercom\s*\n/.test(text);
}

export function planUninstall(target: InstallTarget, current: CurrentFiles, runtime: Runtime): { changes: FileChange[]; notes: string[] } {
  const notes: string[] = [];
  const changes: FileChange[] = [];
  if (current.userConfig !== undefined) {
    const userConfig = parseJsonFile(target.userConfigFile, current.userConfig);
    const servers = { ...((userConfig.mcpServers ?? {}) as Json) };
    if (isOurServer(servers[SERVER_NAME])) {
      delete servers[SERVER_NAME];
      const next: Json = { ...userConfig, mcpServers: servers };
      if (Object.keys(servers).length === 0) delete next.mcpServers;
      changes.push(...change(target.userConfigFile, current.userConfig, render(next), [`removed MCP server "${SERVER_NAME}"`]));
    } else if (servers[SERVER_NAME] !== undefined) {
      notes.push(`left the MCP server "${SERVER_NAME}" in ${target.userConfigFile}: it does not run intercom`);
    }
  }
  if (current.settings !== undefined) {
    const settings = parseJsonFile(target.settingsFile, current.settings);
    const hooks = withoutOurHooks((settings.hooks ?? {}) as Json);
    const next: Json = { ...settings };
    if (Object.keys(hooks).length) next.hooks = hooks;
    else delete next.hooks;
    if (render(settings) !== render(next))
      changes.push(...change(target.settingsFile, current.settings, render(next), ['removed intercom hooks']));
  }
  if (current.skill !== undefined) {
    if (current.skill === runtime.skill || isIntercomSkill(current.skill))
      changes.push({ path: target.skillFile, before: current.skill, after: undefined, summary: ['removed skill "intercom"'] });
    else notes.push(`left ${target.skillFile}: it is not intercom's skill`);
  }
  return { changes, notes };
}
