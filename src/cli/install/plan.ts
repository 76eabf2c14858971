// What `intercom install` and `intercom uninstall` change, computed without touching the disk:
// the MCP server in Claude Code's user config (by Claude Code's own `claude mcp`, or by a write
// under Claude Code's lock), the hooks in its settings.json, the skill, and the record of what
// install created (record.ts). JSON files are edited in place (json-edit.ts): the user's bytes
// stay as they were, and uninstall takes out exactly what install put in.
import { dirname } from 'node:path';
import type { JSONPath } from 'jsonc-parser';
import { IntercomError } from '../../core/errors.ts';
import { HOOK_EVENTS, SERVER_ENV, hooksConfig, isIntercomHookCommand } from './hooks-spec.ts';
import type { HookGroup, HooksConfig } from './hooks-spec.ts';
import { addAt, hasJsoncExtras, keyPath, kindOf, newFileText, parseObject, removeAt, replaceAt } from './json-edit.ts';
import type { Json } from './json-edit.ts';
import { EMPTY_RECORD, mergeRecords, parseRecord, renderRecord, sameKey } from './record.ts';
import type { InstallRecord } from './record.ts';

export interface InstallTarget {
  /** Claude Code's user config with `mcpServers` (~/.claude.json, or $CLAUDE_CONFIG_DIR/.claude.json). */
  userConfigFile: string;
  /** Claude Code's settings with `hooks` ($CLAUDE_CONFIG_DIR/settings.json, default ~/.claude/settings.json). */
  settingsFile: string;
  /** Where the skill goes: <config dir>/skills/intercom/SKILL.md. */
  skillFile: string;
  /** What install created: <config dir>/intercom-install.json. */
  recordFile: string;
}

export interface Runtime {
  /** Absolute path of the bun binary that runs intercom. */
  bun: string;
  /** Absolute path of src/bin/intercom.ts. */
  entry: string;
  /** The skill text to install. */
  skill: string;
}

export interface CurrentFiles {
  userConfig: string | undefined;
  settings: string | undefined;
  skill: string | undefined;
}

/** What else install and uninstall need to know about the disk. */
export interface InstallState {
  /** The record's text (intercom-install.json), if there is one. */
  record: string | undefined;
  /** The folders install writes into (config dir, skills/, skills/intercom/) that do not exist yet. */
  missingFolders: string[];
}

/**
 * How the MCP server gets into Claude Code's user config, which a running Claude Code rewrites
 * at any time: through Claude Code's own command, or written directly under the lock Claude
 * Code takes for that file (apply.ts).
 */
export type McpRoute = { kind: 'claude'; claude: string } | { kind: 'file'; why: string };

export interface FileChange {
  path: string;
  /** undefined: the file does not exist. */
  before: string | undefined;
  /** undefined: the file is to be deleted. */
  after: string | undefined;
  summary: string[];
  /** How `after` is read, checked before it is written: plain JSON (Claude Code's JSON.parse) or JSON with comments. */
  format?: 'json' | 'jsonc';
  /** Claude Code's user config: the same change, made again on the text read under its lock. */
  redo?: (current: string | undefined) => string | undefined;
}

/** `claude <args>`: Claude Code's own command, changing `file`. */
export interface ClaudeCommand {
  args: string[];
  file: string;
  summary: string;
}

export interface Plan {
  /** Run first, in order (the `claude` route). */
  commands: ClaudeCommand[];
  changes: FileChange[];
  /** Uninstall: folders install created, each removed if it is empty by then. */
  folders: string[];
  /** Things the user should know (printed whether or not anything changes). */
  notes: string[];
}

export const SERVER_NAME = 'intercom';

const quote = (path: string) => `"${path.replace(/(["\\$`])/g, '\\$1')}"`;

export function commandPrefix(runtime: Runtime): string {
  return `${quote(runtime.bun)} ${quote(runtime.entry)}`;
}

/** Tool-call timeout for the server (ms): `ask` may wait up to 600 s for an answer. */
export const SERVER_TIMEOUT_MS = 660_000;

/** Claude Code's mcpServers entry for the server; `env` is added to the environment Claude Code gives it (SERVER_ENV: an idle server never wakes up). */
export function serverEntry(runtime: Runtime) {
  return { type: 'stdio', command: runtime.bun, args: [runtime.entry, 'mcp'], env: { ...SERVER_ENV }, timeout: SERVER_TIMEOUT_MS };
}

/** An mcpServers entry that runs some intercom's `mcp` command (ours to replace or remove). */
function isOurServer(entry: unknown): boolean {
  if (typeof entry !== 'object' || entry === null) return false;
  const { command, args } = entry as { command?: unknown; args?: unknown };
  const argv = [command, ...(Array.isArray(args) ? args : [])].map(String);
  return argv.some((a) => /intercom(\.ts)?$/.test(a)) && argv.at(-1) === 'mcp';
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const blank = (text: string | undefined): text is undefined => text === undefined || text.trim() === '';

/**
 * Where intercom adds something, the user's file must hold an object (or a list) or nothing: an
 * edit into null, a string or the wrong kind of container would break the file, and Claude Code's
 * own `claude mcp` turns a string there into {"0": …}. Refused before anything changes.
 */
function mustBe(file: string, path: JSONPath, value: unknown, kind: 'object' | 'list'): void {
  if (value === undefined || (kind === 'object' ? isObject(value) : Array.isArray(value))) return;
  throw new IntercomError(
    'BAD_INPUT',
    `${file}: ${keyPath(path)} is ${kindOf(value)}, not ${kind === 'object' ? 'an object' : 'a list'}; fix it or move it aside, then run this again. Nothing was changed.`,
  );
}

// ---- Claude Code's user config: plain JSON, as Claude Code reads it ----

function userConfigOf(target: InstallTarget, text: string | undefined): Json {
  return blank(text) ? {} : parseObject(target.userConfigFile, text, { comments: false }).value;
}

function ourServer(target: InstallTarget, config: Json): unknown {
  mustBe(target.userConfigFile, ['mcpServers'], config.mcpServers, 'object');
  const existing = isObject(config.mcpServers) ? config.mcpServers[SERVER_NAME] : undefined;
  if (existing !== undefined && !isOurServer(existing)) {
    throw new IntercomError(
      'CONFLICT',
      `${target.userConfigFile} already has an MCP server named "${SERVER_NAME}" that is not intercom; rename or remove it, then run \`intercom install\` again. Nothing was changed.`,
    );
  }
  return existing;
}

/** The user config with our server added or brought up to date; what it created, for the record. */
function withServer(path: string, text: string | undefined, entry: unknown): { text: string; created: JSONPath[]; createdFile: boolean } {
  if (blank(text)) return { text: newFileText({ mcpServers: { [SERVER_NAME]: entry } }), created: [], createdFile: text === undefined };
  const config = parseObject(path, text, { comments: false }).value;
  const servers = config.mcpServers;
  mustBe(path, ['mcpServers'], servers, 'object');
  if (isObject(servers) && servers[SERVER_NAME] !== undefined) {
    return {
      text: Bun.deepEquals(servers[SERVER_NAME], entry) ? text : replaceAt(text, ['mcpServers', SERVER_NAME], entry),
      created: [],
      createdFile: false,
    };
  }
  return { text: addAt(text, ['mcpServers', SERVER_NAME], entry), created: isObject(servers) ? [] : [['mcpServers']], createdFile: false };
}

function withoutServer(
  path: string,
  text: string | undefined,
  created: (key: JSONPath) => boolean,
  createdFile: boolean,
): string | undefined {
  if (blank(text)) return text;
  const config = parseObject(path, text, { comments: false }).value;
  if (!isObject(config.mcpServers) || !isOurServer(config.mcpServers[SERVER_NAME])) return text;
  let next = removeAt(text, ['mcpServers', SERVER_NAME]);
  if (Object.keys(config.mcpServers).length === 1 && created(['mcpServers'])) next = removeAt(next, ['mcpServers']);
  return createdFile && next.trim() === '{}' ? undefined : next;
}

// ---- settings.json: JSON with comments kept as they are ----

/** Where the first intercom hook is: its group when it is alone there, else the hook itself. */
function findOurHook(settings: Json): JSONPath | undefined {
  if (!isObject(settings.hooks)) return undefined;
  for (const [event, groups] of Object.entries(settings.hooks)) {
    if (!Array.isArray(groups)) continue;
    for (let g = groups.length - 1; g >= 0; g--) {
      const list = (groups[g] as HookGroup | undefined)?.hooks;
      if (!Array.isArray(list)) continue;
      for (let h = list.length - 1; h >= 0; h--) {
        if (isIntercomHookCommand(list[h]?.command)) return list.length === 1 ? ['hooks', event, g] : ['hooks', event, g, 'hooks', h];
      }
    }
  }
  return undefined;
}

/** Every intercom hook taken out; the events they were in. */
function withoutOurHooks(path: string, text: string): { text: string; events: Set<string> } {
  const events = new Set<string>();
  for (;;) {
    const at = findOurHook(parseObject(path, text, { comments: true }).value);
    if (!at) return { text, events };
    events.add(at[1] as string);
    text = removeAt(text, at);
  }
}

/** Our hooks are there, exactly as they should be, and no stale ones. */
function hooksUpToDate(settings: Json, ours: HooksConfig): boolean {
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  const events = new Set([...Object.keys(hooks), ...Object.keys(ours)]);
  for (const event of events) {
    const groups = Array.isArray(hooks[event]) ? (hooks[event] as HookGroup[]) : [];
    const withOurs = groups.filter((g) => Array.isArray(g?.hooks) && g.hooks.some((h) => isIntercomHookCommand(h?.command)));
    const want = ours[event] ?? [];
    if (withOurs.length !== want.length || !withOurs.every((g, i) => Bun.deepEquals(g, want[i]))) return false;
  }
  return true;
}

function withHooks(path: string, text: string | undefined, ours: HooksConfig): { text: string; created: JSONPath[]; createdFile: boolean } {
  if (blank(text)) return { text: newFileText({ hooks: ours }), created: [], createdFile: text === undefined };
  let next = withoutOurHooks(path, text).text;
  const created: JSONPath[] = [];
  const settings = parseObject(path, next, { comments: true }).value;
  // Checked, all of them, before the first edit: the places intercom adds to. (A group's own
  // "hooks" is never added to: intercom's groups are whole items of the event's list.)
  mustBe(path, ['hooks'], settings.hooks, 'object');
  const hooks = isObject(settings.hooks) ? settings.hooks : {};
  for (const event of Object.keys(ours)) mustBe(path, ['hooks', event], hooks[event], 'list');
  if (settings.hooks === undefined) created.push(['hooks']);
  for (const [event, groups] of Object.entries(ours)) {
    if (Array.isArray(hooks[event])) {
      for (const group of groups) next = addAt(next, ['hooks', event, -1], group);
    } else {
      next = addAt(next, ['hooks', event], groups);
      if (settings.hooks !== undefined) created.push(['hooks', event]);
    }
  }
  return { text: next, created, createdFile: false };
}

// ---- install ----

export function planInstall(target: InstallTarget, current: CurrentFiles, state: InstallState, runtime: Runtime, route: McpRoute): Plan {
  const plan: Plan = { commands: [], changes: [], folders: [], notes: [] };
  const made: InstallRecord = { files: [], folders: [...state.missingFolders], keys: {} };
  const keys = (file: string, paths: JSONPath[]) => {
    if (paths.length) made.keys[file] = paths;
  };

  const entry = serverEntry(runtime);
  const existing = ourServer(target, userConfigOf(target, current.userConfig));
  if (!Bun.deepEquals(existing, entry)) {
    const summary = `MCP server "${SERVER_NAME}": ${runtime.bun} ${runtime.entry} mcp`;
    if (route.kind === 'claude') {
      // `claude mcp add-json` refuses a name that exists: an older intercom's entry goes first.
      if (existing !== undefined) plan.commands.push(claudeRemove(target));
      plan.commands.push({
        args: ['mcp', 'add-json', '-s', 'user', SERVER_NAME, JSON.stringify(entry)],
        file: target.userConfigFile,
        summary,
      });
    } else {
      const edit = withServer(target.userConfigFile, current.userConfig, entry);
      keys(target.userConfigFile, edit.created);
      if (edit.createdFile) made.files.push(target.userConfigFile);
      plan.changes.push({
        path: target.userConfigFile,
        before: current.userConfig,
        after: edit.text,
        summary: [summary],
        format: 'json',
        redo: (text) => withServer(target.userConfigFile, text, entry).text,
      });
    }
  }

  const ours = hooksConfig(commandPrefix(runtime));
  if (current.settings !== undefined && !blank(current.settings) && hasJsoncExtras(current.settings)) plan.notes.push(commentsNote(target));
  const settings = blank(current.settings) ? {} : parseObject(target.settingsFile, current.settings, { comments: true }).value;
  if (!hooksUpToDate(settings, ours)) {
    const edit = withHooks(target.settingsFile, current.settings, ours);
    keys(target.settingsFile, edit.created);
    if (edit.createdFile) made.files.push(target.settingsFile);
    plan.changes.push({
      path: target.settingsFile,
      before: current.settings,
      after: edit.text,
      summary: [`hooks: ${Object.keys(HOOK_EVENTS).join(', ')} → intercom hook <event>`],
      format: 'jsonc',
    });
  }

  if (current.skill !== runtime.skill) {
    plan.changes.push({
      path: target.skillFile,
      before: current.skill,
      after: runtime.skill,
      summary: ['skill "intercom" (when to check, announce, reply)'],
    });
  }

  // The record, whenever install changes anything: uninstall then knows what is ours alone.
  if (plan.commands.length || plan.changes.length) {
    const after = renderRecord(mergeRecords(parseRecord(state.record) ?? EMPTY_RECORD, made));
    if (after !== state.record) {
      plan.changes.push({
        path: target.recordFile,
        before: state.record,
        after,
        summary: ['what install created, for uninstall'],
        format: 'json',
      });
    }
  }
  return plan;
}

function claudeRemove(target: InstallTarget): ClaudeCommand {
  return {
    args: ['mcp', 'remove', '-s', 'user', SERVER_NAME],
    file: target.userConfigFile,
    summary: `removed MCP server "${SERVER_NAME}"`,
  };
}

function commentsNote(target: InstallTarget): string {
  return (
    `${target.settingsFile} has comments or trailing commas. intercom keeps them, but Claude Code (2.1.330, as observed) rejects such a file ` +
    'as malformed JSON and ignores all of it, intercom hooks included: take them out for the hooks to run'
  );
}

// ---- uninstall ----

/** The skill intercom installs: its frontmatter names it "intercom". */
function isIntercomSkill(text: string): boolean {
  return /^---\n(?:[^\n]*\n)*?name:\s*intercom\s*\n/.test(text);
}

export function planUninstall(target: InstallTarget, current: CurrentFiles, state: InstallState, runtime: Runtime, route: McpRoute): Plan {
  const plan: Plan = { commands: [], changes: [], folders: [], notes: [] };
  const record = parseRecord(state.record);
  // Without a record (an older intercom installed it): any key left empty goes, as it used to.
  const createdFile = (file: string) => record?.files.includes(file) ?? false;
  const created = (file: string) => (path: JSONPath) =>
    record === undefined || createdFile(file) || (record.keys[file] ?? []).some((k) => sameKey(k, path.slice(0, k.length)));

  if (!blank(current.userConfig)) {
    const config = userConfigOf(target, current.userConfig);
    const existing = isObject(config.mcpServers) ? config.mcpServers[SERVER_NAME] : undefined;
    if (isOurServer(existing)) {
      if (route.kind === 'claude') plan.commands.push(claudeRemove(target));
      else {
        const redo = (text: string | undefined) =>
          withoutServer(target.userConfigFile, text, created(target.userConfigFile), createdFile(target.userConfigFile));
        plan.changes.push({
          path: target.userConfigFile,
          before: current.userConfig,
          after: redo(current.userConfig),
          summary: [`removed MCP server "${SERVER_NAME}"`],
          format: 'json',
          redo,
        });
      }
    } else if (existing !== undefined) {
      plan.notes.push(`left the MCP server "${SERVER_NAME}" in ${target.userConfigFile}: it does not run intercom`);
    }
  }

  if (!blank(current.settings)) {
    const { text, events } = withoutOurHooks(target.settingsFile, current.settings);
    let next = text;
    const isCreated = created(target.settingsFile);
    for (const event of events) {
      const hooks = parseObject(target.settingsFile, next, { comments: true }).value.hooks as Json;
      if (Array.isArray(hooks[event]) && hooks[event].length === 0 && isCreated(['hooks', event])) next = removeAt(next, ['hooks', event]);
    }
    const hooks = parseObject(target.settingsFile, next, { comments: true }).value.hooks;
    if (events.size && isObject(hooks) && Object.keys(hooks).length === 0 && isCreated(['hooks'])) next = removeAt(next, ['hooks']);
    if (next !== current.settings) {
      const gone = createdFile(target.settingsFile) && next.trim() === '{}';
      plan.changes.push({
        path: target.settingsFile,
        before: current.settings,
        after: gone ? undefined : next,
        summary: ['removed intercom hooks'],
        format: 'jsonc',
      });
    }
  }

  if (current.skill !== undefined) {
    if (current.skill === runtime.skill || isIntercomSkill(current.skill))
      plan.changes.push({ path: target.skillFile, before: current.skill, after: undefined, summary: ['removed skill "intercom"'] });
    else plan.notes.push(`left ${target.skillFile}: it is not intercom's skill`);
  }

  if (plan.commands.length || plan.changes.length) {
    if (state.record !== undefined) {
      plan.changes.push({
        path: target.recordFile,
        before: state.record,
        after: undefined,
        summary: ['removed the record of what install created'],
      });
    }
    // The skill's own folder is named for intercom; any other folder only if install made it.
    const folders = record ? record.folders : [dirname(target.skillFile)];
    plan.folders = [...folders].sort((a, b) => b.length - a.length);
  }
  return plan;
}
