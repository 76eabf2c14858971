// The checks `intercom doctor` runs, each a line: ok, warn (works, with less) or FAIL (fix it).
import { existsSync } from 'node:fs';
import { HOOK_EVENTS, hooksConfig, isIntercomHookCommand } from '../install/hooks-spec.ts';
import { SERVER_NAME } from '../install/plan.ts';
import { isOlderThan, MIN_CLAUDE_VERSION } from '../install/claude-version.ts';
import type { CurrentFiles } from '../install/plan.ts';
import type { WatchChoice } from '../../store/watch-backend.ts';
import type { LiveRoute } from './routes.ts';

/** `fixed`: doctor --fix repaired it just now (the checks after it show the result). */
export type Level = 'ok' | 'warn' | 'FAIL' | 'fixed';
export interface Check {
  level: Level;
  name: string;
  detail: string;
  /** `intercom doctor --fix` can fix this FAIL. */
  fixable?: true;
}

export function checkBun(version: string): Check {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > 1 || (major === 1 && minor >= 3);
  return {
    level: ok ? 'ok' : 'FAIL',
    name: 'bun',
    detail: ok ? `bun ${version}` : `bun ${version} is too old: intercom needs bun >= 1.3 (https://bun.sh)`,
  };
}

export function checkClaude(path: string | null, version: string | undefined): Check {
  if (!path)
    return {
      level: 'warn',
      name: 'claude',
      detail: 'not found on PATH: intercom cannot check its version, or resume idle sessions for ask',
    };
  if (!version)
    return {
      level: 'warn',
      name: 'claude',
      detail: `${path} did not say its version; intercom needs Claude Code ${MIN_CLAUDE_VERSION} or later`,
    };
  if (isOlderThan(version, MIN_CLAUDE_VERSION)) {
    return {
      level: 'FAIL',
      name: 'claude',
      detail: `Claude Code ${version} is older than ${MIN_CLAUDE_VERSION}: it ignores a settings.json with intercom's hooks. Run claude update`,
    };
  }
  return { level: 'ok', name: 'claude', detail: `Claude Code ${version} (${path})` };
}

/**
 * How the store's watchers wait (store/watch-backend.ts): fs events or polling, and why. chokidar,
 * which does the polling, reads CHOKIDAR_USEPOLLING and CHOKIDAR_INTERVAL itself and lets them win
 * (CHOKIDAR_USEPOLLING=0 turns its polling into fs events), so a set one is named.
 */
export function checkWatch(choice: WatchChoice, chokidarEnv: string[]): Check {
  const detail = `${choice.backend === 'poll' ? 'polling' : 'fs events'}: ${choice.why}`;
  if (chokidarEnv.length === 0) return { level: 'ok', name: 'watch', detail };
  return {
    level: 'warn',
    name: 'watch',
    detail: `${detail}; but ${chokidarEnv.join(', ')} is set, and chokidar (which polls) obeys it over intercom's settings: unset it`,
  };
}

/** `needed`: false where intercom never runs the tool on this system (then its absence is fine). */
export function checkTool(name: string, found: string | null, purpose: string, needed = true): Check {
  if (found) return { level: 'ok', name, detail: found };
  if (!needed) return { level: 'ok', name, detail: `not installed; not needed on this system (${purpose})` };
  return { level: 'warn', name, detail: `not found on PATH: ${purpose} will not work (install ${name})` };
}

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
export function checkRegistration(files: CurrentFiles, paths: Paths, bunOnPath: string | null, live: LiveRoute[] = []): Check[] {
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
  const checks = installedChecks(files, paths, live);
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
      detail: `the session of agent ${twice.code} (a plugin, from ${twice.pluginRoot ?? 'a plugin folder'}) also runs agent ${twice.twin}: it runs intercom twice. Load intercom one way only: without --plugin-dir, or after \`intercom uninstall\``,
    });
  }
  return checks;
}

/** How a live agent shows intercom runs: "a plugin from /repo", or "this session". */
function how(r: LiveRoute): string {
  return r.route === 'plugin' ? `loaded as a plugin from ${r.pluginRoot ?? 'a plugin folder'}` : 'this session';
}

function installedChecks(files: CurrentFiles, paths: Paths, live: LiveRoute[]): Check[] {
  const checks: Check[] = [];
  const byPlugin = live.find((r) => r.route === 'plugin');
  const witnesses = live.filter((r) => r.route === 'plugin' || r.thisSession);
  const server = (parse(files.userConfig)?.mcpServers as Record<string, { command?: string; args?: string[] }> | undefined)?.[SERVER_NAME];
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
    checks.push(
      missing.length
        ? {
            level: 'FAIL',
            name: 'MCP server',
            detail: `registered, but ${missing.join(', ')} does not exist: run \`intercom install\` again from where intercom lives now`,
          }
        : { level: 'ok', name: 'MCP server', detail: `${server.command} ${(server.args ?? []).join(' ')}` },
    );
  }
  type Hook = { command?: unknown; timeout?: unknown; asyncRewake?: unknown };
  const hooks = (parse(files.settings)?.hooks ?? {}) as Record<string, { hooks?: Hook[] }[]>;
  const ours = (event: string) => (hooks[event] ?? []).flatMap((group) => group.hooks ?? []).find((h) => isIntercomHookCommand(h.command));
  const missingEvents = Object.keys(HOOK_EVENTS).filter((event) => !ours(event));
  // A hook written by an older intercom (another timeout, no asyncRewake) runs, but not as needed.
  const expected = hooksConfig('intercom');
  const staleEvents = Object.keys(HOOK_EVENTS).filter((event) => {
    const found = ours(event);
    const want = expected[event]?.[0]?.hooks[0];
    return found && want && (found.timeout !== want.timeout || (found.asyncRewake === true) !== (want.asyncRewake === true));
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
          : { level: 'ok', name: 'hooks', detail: `${Object.keys(HOOK_EVENTS).join(', ')} in ${paths.settingsFile}` },
  );
  checks.push(
    files.skill !== undefined
      ? { level: 'ok', name: 'skill', detail: paths.skillFile }
      : byPlugin
        ? { level: 'ok', name: 'skill', detail: `comes with the plugin (${byPlugin.pluginRoot ?? 'its folder'}/skill)` }
        : { level: 'warn', name: 'skill', detail: `${paths.skillFile} missing: run \`intercom install\` (the tools work without it)` },
  );
  return checks;
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
