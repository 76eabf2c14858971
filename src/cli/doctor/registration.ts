// Is intercom registered with Claude Code, and can what is registered run? Reads Claude Code's
// user config and settings.json as Claude Code does (plain JSON), the enabled plugins, and the
// live agents' records (how each was started, whether its hooks ran): a plugin or --plugin-dir
// session leaves no trace in the config files.
import { existsSync } from 'node:fs';
import { oneLineForTerminal } from '../../core/text.ts';
import { HOOK_EVENTS, SERVER_ENV, hooksConfig, isIntercomHookCommand } from '../install/hooks-spec.ts';
import { SERVER_NAME } from '../install/plan.ts';
import type { CurrentFiles } from '../install/plan.ts';
import type { Check } from './checks.ts';
import type { LiveRoute } from './routes.ts';
import { whyNotRunnable } from './runnable.ts';

function parse(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** The intercom plugin, when settings.json enables one ("intercom@<marketplace>": true). */
export function enabledPlugin(files: CurrentFiles): string | undefined {
  const plugins = parse(files.settings)?.enabledPlugins;
  if (!plugins || typeof plugins !== 'object') return undefined;
  return Object.entries(plugins as Record<string, unknown>).find(([id, on]) => on === true && id.startsWith('intercom@'))?.[0];
}

type Paths = { userConfigFile: string; settingsFile: string; skillFile: string };

/**
 * Registration: by `intercom install` (user config and settings) or by the plugin. The plugin
 * runs `bun` from PATH (its files cannot hold an absolute path), so then bun must be on PATH.
 * `live`: the live sessions a plugin started, and the one doctor runs in (routes.ts): a plugin
 * loaded with `claude --plugin-dir` shows in no settings file, only there.
 */
/** `runnable`: why a registered command cannot run, or undefined (doctor/runnable.ts; tests may stub it). */
export function checkRegistration(
  files: CurrentFiles,
  paths: Paths,
  bunOnPath: string | null,
  live: LiveRoute[] = [],
  runnable: (command: string) => string | undefined = whyNotRunnable,
): Check[] {
  const plugin = enabledPlugin(files);
  const installed = parse(files.userConfig)?.mcpServers as Record<string, unknown> | undefined;
  if (plugin && !installed?.[SERVER_NAME]) {
    return [
      bunOnPath
        ? {
            level: 'ok',
            name: 'plugin',
            detail: `${plugin} is enabled in ${paths.settingsFile}: it brings the MCP server, hooks and skill (bun: ${bunOnPath})`,
          }
        : {
            level: 'FAIL',
            name: 'plugin',
            detail: `${plugin} is enabled, but it runs \`bun\` from PATH and there is none: install bun on PATH (npm i -g bun), or use \`intercom install\` instead`,
          },
    ];
  }
  const checks = installedChecks(files, paths, live, runnable);
  if (plugin) {
    checks.push({
      level: 'warn',
      name: 'plugin',
      detail: `${plugin} is enabled as well as \`intercom install\`: each session would run intercom twice. Run \`intercom uninstall\`, or disable the plugin`,
    });
  }
  const twice = live.find((r) => r.route === 'plugin' && r.twin);
  if (twice) {
    checks.push({
      level: 'warn',
      name: 'plugin',
      detail: `the session of agent ${twice.code} (a plugin, from ${shown(twice.pluginRoot) ?? 'a plugin folder'}) also runs agent ${twice.twin}: it runs intercom twice. Load intercom one way only: without --plugin-dir, or after \`intercom uninstall\``,
    });
  }
  return checks;
}

/**
 * A path from an agent record: any process of this user can write one, so it is shown on one
 * line with no control characters (it cannot forge a row of the report).
 */
const shown = (path: string | undefined) => (path === undefined ? undefined : oneLineForTerminal(path));

/** How a live agent shows intercom runs: "a plugin from /repo", or "this session". */
function how(r: LiveRoute): string {
  return r.route === 'plugin' ? `loaded as a plugin from ${shown(r.pluginRoot) ?? 'a plugin folder'}` : 'this session';
}

function installedChecks(files: CurrentFiles, paths: Paths, live: LiveRoute[], runnable: (command: string) => string | undefined): Check[] {
  const checks: Check[] = [];
  const byPlugin = live.find((r) => r.route === 'plugin');
  const witnesses = live.filter((r) => r.route === 'plugin' || r.thisSession);
  const server = (
    parse(files.userConfig)?.mcpServers as Record<string, { command?: string; args?: string[]; env?: Record<string, unknown> }> | undefined
  )?.[SERVER_NAME];
  const here = live.find((r) => r.thisSession);
  if (!server && byPlugin) {
    const codes = live.filter((r) => r.route === 'plugin').map((r) => r.code);
    checks.push({
      level: 'ok',
      name: 'MCP server',
      detail: `${how(byPlugin)}: live agent(s) ${codes.join(', ')} (not in ${paths.userConfigFile}, which a plugin does not need)`,
    });
  } else if (!server && here) {
    // Started from an mcpServers entry elsewhere (a project's .mcp.json, --mcp-config): it works
    // here, and in no session started another way.
    checks.push({
      level: 'warn',
      name: 'MCP server',
      detail: `this session runs it (agent ${here.code}), but it is not in ${paths.userConfigFile}, so other sessions may run without it: run \`intercom install\``,
    });
  } else if (!server) {
    checks.push({
      level: 'FAIL',
      name: 'MCP server',
      detail: `no "${SERVER_NAME}" server in ${paths.userConfigFile}: run \`intercom install\` (or load the plugin)`,
    });
  } else {
    const missing = [server.command, ...(server.args ?? [])].filter(
      (p): p is string => typeof p === 'string' && p.startsWith('/') && !existsSync(p),
    );
    const broken = !missing.length && server.command?.startsWith('/') ? runnable(server.command) : undefined;
    // An entry written by an older intercom runs, but its idle server wakes every second or so,
    // or holds more memory than it needs (cli/install/hooks-spec.ts SERVER_ENV says why).
    const unquiet = Object.entries(SERVER_ENV).filter(([name, value]) => server.env?.[name] !== value);
    checks.push(
      missing.length
        ? {
            level: 'FAIL',
            name: 'MCP server',
            detail: `registered, but ${missing.join(', ')} does not exist: run \`intercom install\` again from where intercom lives now`,
          }
        : broken
          ? {
              level: 'FAIL',
              name: 'MCP server',
              detail: `registered, but it cannot start: ${broken}. Its hooks run the same program. Run \`intercom install\` again (after reinstalling intercom, if npm skipped bun's install script)`,
            }
          : unquiet.length
            ? {
                level: 'warn',
                name: 'MCP server',
                detail: `registered by an older intercom, without ${unquiet.map(([name, value]) => `${name}=${value}`).join(' ')} in its env: it works, but an idle server wakes up more often or holds more memory than it needs. Run \`intercom install\` again`,
              }
            : { level: 'ok', name: 'MCP server', detail: `${server.command} ${(server.args ?? []).join(' ')}` },
    );
  }
  type Hook = { command?: unknown; timeout?: unknown; asyncRewake?: unknown };
  // Claude Code (2.1.330, observed) ignores a settings.json that is not plain JSON (a comment, a
  // trailing comma): every hook in it, intercom's included. "Run install" would not help.
  if (files.settings !== undefined && files.settings.trim() !== '' && parse(files.settings) === undefined) {
    checks.push({
      level: 'FAIL',
      name: 'hooks',
      detail: `${paths.settingsFile} is not plain JSON (a comment or a trailing comma?), so Claude Code ignores all of it, intercom's hooks included: remove the comments, then run \`intercom doctor\` again`,
    });
    return [...checks, skillCheck(files, paths, byPlugin)];
  }
  const hooks = (parse(files.settings)?.hooks ?? {}) as Record<string, { hooks?: Hook[] }[]>;
  // A hand-edited file may hold anything where a list belongs: what is not a list holds no hook of ours.
  const ours = (event: string) => {
    const groups = hooks[event];
    if (!Array.isArray(groups)) return undefined;
    return groups.flatMap((group) => (Array.isArray(group?.hooks) ? group.hooks : [])).find((h) => isIntercomHookCommand(h?.command));
  };
  const missingEvents = Object.keys(HOOK_EVENTS).filter((event) => !ours(event));
  // A hook written by an older intercom (another timeout, no asyncRewake) runs, but not as needed.
  const expected = hooksConfig('intercom');
  const staleEvents = Object.keys(HOOK_EVENTS).filter((event) => {
    const found = ours(event);
    const want = expected[event]?.[0]?.hooks[0];
    return found && want && (found.timeout !== want.timeout || (found.asyncRewake === true) !== (want.asyncRewake === true));
  });
  // One whose command sets another environment (an older intercom's assignments) runs, but not
  // as this one would: the watchers' JIT, for one (cli/install/hooks-spec.ts WATCHER_ENV_VARS).
  const unlikeEvents = Object.keys(HOOK_EVENTS).filter((event) => {
    const found = ours(event)?.command;
    const want = expected[event]?.[0]?.hooks[0]?.command;
    return typeof found === 'string' && want !== undefined && leadingAssignments(found) !== leadingAssignments(want);
  });
  checks.push(
    missingEvents.length === Object.keys(HOOK_EVENTS).length
      ? unhookedCheck(paths, witnesses)
      : missingEvents.length
        ? {
            level: 'FAIL',
            name: 'hooks',
            detail: `${missingEvents.join(', ')} not hooked in ${paths.settingsFile}: run \`intercom install\``,
          }
        : staleEvents.length
          ? {
              level: 'FAIL',
              name: 'hooks',
              detail: `${staleEvents.join(', ')} hooked by an older intercom in ${paths.settingsFile}: run \`intercom install\` again`,
            }
          : unlikeEvents.length
            ? {
                level: 'warn',
                name: 'hooks',
                detail: unlikeDetail(unlikeEvents, (event) => String(ours(event)?.command), expected, paths.settingsFile),
              }
            : { level: 'ok', name: 'hooks', detail: `${Object.keys(HOOK_EVENTS).join(', ')} in ${paths.settingsFile}` },
  );
  checks.push(skillCheck(files, paths, byPlugin));
  return checks;
}

/** Hooks whose commands set another environment than this intercom registers: which, found and wanted (the first of them), and the fix. */
function unlikeDetail(
  events: string[],
  commandOf: (event: string) => string,
  expected: ReturnType<typeof hooksConfig>,
  file: string,
): string {
  const first = events[0]!;
  const found = leadingAssignments(commandOf(first)) || 'none';
  const wanted = leadingAssignments(expected[first]![0]!.hooks[0]!.command) || 'none';
  return `${events.join(', ')} hooked in ${file} with another environment than this intercom registers (${first}: ${found}; expected ${wanted}): they run, but run \`intercom install\` again`;
}

/** A hook command's leading `NAME=value` assignments, sorted, one space apart ('' for none). */
function leadingAssignments(command: string): string {
  const lead = /^(?:\s*[A-Za-z_][A-Za-z0-9_]*=\S*)+/.exec(command)?.[0] ?? '';
  return lead.trim().split(/\s+/).filter(Boolean).sort().join(' ');
}

function skillCheck(files: CurrentFiles, paths: Paths, byPlugin: LiveRoute | undefined): Check {
  if (files.skill !== undefined) return { level: 'ok', name: 'skill', detail: paths.skillFile };
  if (byPlugin)
    return { level: 'ok', name: 'skill', detail: `comes with the plugin (${shown(byPlugin.pluginRoot) ?? 'its folder'}/skill)` };
  return { level: 'warn', name: 'skill', detail: `${paths.skillFile} missing: run \`intercom install\` (the tools work without it)` };
}

/**
 * No intercom hook in settings.json. A plugin brings its own (hooks.json); that they work shows
 * in the store, where a hook that ran for an agent left a busy/idle event or a watcher.
 */
function unhookedCheck(paths: Paths, witnesses: LiveRoute[]): Check {
  const ran = witnesses.find((r) => r.hooksRan && r.route === 'plugin') ?? witnesses.find((r) => r.hooksRan);
  if (ran?.route === 'plugin')
    return { level: 'ok', name: 'hooks', detail: `they ran for agent ${ran.code}, ${how(ran)} (not in ${paths.settingsFile})` };
  if (ran) {
    return {
      level: 'warn',
      name: 'hooks',
      detail: `they ran for this session (agent ${ran.code}), but are not in ${paths.settingsFile}, so other sessions may run without them: run \`intercom install\``,
    };
  }
  // A plugin's session that has not got that far yet (its SessionStart hook is under way). In the
  // session doctor runs in, a prompt has run: had its hooks been loaded, they would have run.
  const waiting = witnesses.find((r) => r.route === 'plugin');
  if (waiting) {
    return {
      level: 'warn',
      name: 'hooks',
      detail: `not in ${paths.settingsFile}, and none has run yet for agent ${waiting.code}, ${how(waiting)}: they run at session start and at each prompt; run \`intercom doctor\` again after one`,
    };
  }
  return {
    level: 'FAIL',
    name: 'hooks',
    detail: `${Object.keys(HOOK_EVENTS).join(', ')} not hooked in ${paths.settingsFile}: run \`intercom install\``,
  };
}
