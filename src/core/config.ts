// The one place that turns the environment into settings. Only the entry point calls this,
// with process.env; everything else receives the resulting Config.
import { isAbsolutePath as isAbsolute, joinPath as join, normalizePath } from './paths.ts';
import { IntercomError } from './errors.ts';

export interface Config {
  /** Store root: CLAUDE_INTERCOM_DIR, default ~/.claude-intercom. */
  storeDir: string;
  /** Claude Code config dirs whose projects/ hold transcripts: CLAUDE_CONFIG_DIR, default ~/.claude. */
  claudeConfigDirs: string[];
  /** Claude Code's user config holding mcpServers: $CLAUDE_CONFIG_DIR/.claude.json, else ~/.claude.json. */
  claudeUserConfigFile: string;
  /** CLAUDE_INTERCOM_SESSION: force this process's identity (session id, code or name). */
  identityOverride: string | undefined;
  /** CLAUDE_CODE_SESSION_ID, set by Claude Code in the MCP server's environment. */
  claudeSessionId: string | undefined;
  /** CLAUDE_PID: the Claude Code process, set by Claude Code for its hooks. */
  claudePid: number | undefined;
  /** tmux server selection for pane lookups and typing: CLAUDE_INTERCOM_TMUX, e.g. "-L work". */
  tmuxArgs: string[];
  /** Extra flags for headless resumes: CLAUDE_INTERCOM_RESUME_FLAGS, split on whitespace. */
  resumeFlags: string[];
  /** Largest message body in bytes: CLAUDE_INTERCOM_MAX_BODY, default 64 KiB. */
  maxBodyBytes: number;
  /** What the PreToolUse guard does when a file is claimed by another agent: CLAUDE_INTERCOM_CLAIM_MODE. */
  claimMode: ClaimMode;
  /** Days acked mail and log entries are kept: CLAUDE_INTERCOM_RETENTION_DAYS, default 14. */
  retentionDays: number;
  /** How long-lived watchers watch the store: CLAUDE_INTERCOM_WATCH, default auto (store/watch-backend.ts). */
  watch: WatchMode;
  /**
   * chokidar's own variables (CHOKIDAR_USEPOLLING, CHOKIDAR_INTERVAL) as set, e.g. "CHOKIDAR_USEPOLLING=0":
   * chokidar, which does the polling, reads them itself and lets them override intercom's
   * settings, so doctor names them.
   */
  chokidarEnv: string[];
  /** DEBUG contains "intercom": log details to stderr. */
  debug: boolean;
  cwd: string;
}

export const DEFAULT_MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_RETENTION_DAYS = 14;
export const CLAIM_MODES = ['warn', 'ask', 'deny'] as const;
export type ClaimMode = (typeof CLAIM_MODES)[number];

/**
 * Which backend long-lived watchers use: `events` (fs.watch: inotify, FSEvents), `poll` (chokidar
 * stats an inbox every 100 ms, other folders every second), or `auto`: poll where the store's
 * filesystem gives no change events (store/watch-backend.ts).
 */
export const WATCH_MODES = ['auto', 'events', 'poll'] as const;
export type WatchMode = (typeof WATCH_MODES)[number];

export interface ConfigInputs {
  env: Record<string, string | undefined>;
  cwd: string;
  /** The user's home folder (the entry passes $HOME, else os.homedir()). */
  home: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

// Relative paths are refused: the MCP server, hooks and CLI run in different cwds and would
// silently use different stores.
function absoluteDir(value: string, name: string, home: string): string {
  const expanded = value === '~' ? home : value.startsWith('~/') ? join(home, value.slice(2)) : value;
  if (!isAbsolute(expanded)) {
    throw new IntercomError('BAD_INPUT', `${name}=${value} must be an absolute path, e.g. ${name}=$HOME/${value}`);
  }
  return normalizePath(expanded);
}

function positiveInt(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) {
    throw new IntercomError('BAD_INPUT', `${name}=${value} must be a positive whole number, e.g. ${name}=${fallback}`);
  }
  return n;
}

function claimMode(value: string | undefined): ClaimMode {
  if (value === undefined) return 'ask';
  if ((CLAIM_MODES as readonly string[]).includes(value)) return value as ClaimMode;
  throw new IntercomError('BAD_INPUT', `CLAUDE_INTERCOM_CLAIM_MODE=${value} must be one of ${CLAIM_MODES.join(', ')} (default ask)`);
}

function watchMode(value: string | undefined): WatchMode {
  if (value === undefined) return 'auto';
  if ((WATCH_MODES as readonly string[]).includes(value)) return value as WatchMode;
  throw new IntercomError('BAD_INPUT', `CLAUDE_INTERCOM_WATCH=${value} must be one of ${WATCH_MODES.join(', ')} (default auto)`);
}

export function resolveConfig({ env, cwd, home }: ConfigInputs): Config {
  const storeDir = nonEmpty(env.CLAUDE_INTERCOM_DIR);
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return Object.freeze({
    storeDir: storeDir ? absoluteDir(storeDir, 'CLAUDE_INTERCOM_DIR', home) : join(home, '.claude-intercom'),
    // CLAUDE_CONFIG_DIR is Claude Code's own (one folder); CLAUDE_INTERCOM_CONFIG_DIRS adds more
    // (":"-separated) whose sessions list_sessions should also see.
    claudeConfigDirs: [
      configDir ? absoluteDir(configDir, 'CLAUDE_CONFIG_DIR', home) : join(home, '.claude'),
      ...(nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) ?? '')
        .split(':')
        .filter(Boolean)
        .map((dir) => absoluteDir(dir, 'CLAUDE_INTERCOM_CONFIG_DIRS', home)),
    ],
    // Claude Code keeps its user config beside the config dir by default, inside it when moved.
    claudeUserConfigFile: configDir ? join(absoluteDir(configDir, 'CLAUDE_CONFIG_DIR', home), '.claude.json') : join(home, '.claude.json'),
    identityOverride: nonEmpty(env.CLAUDE_INTERCOM_SESSION),
    claudeSessionId: nonEmpty(env.CLAUDE_CODE_SESSION_ID),
    claudePid: /^\d+$/.test(env.CLAUDE_PID ?? '') ? Number(env.CLAUDE_PID) : undefined,
    resumeFlags: (nonEmpty(env.CLAUDE_INTERCOM_RESUME_FLAGS) ?? '').split(/\s+/).filter(Boolean),
    tmuxArgs: (nonEmpty(env.CLAUDE_INTERCOM_TMUX) ?? '').split(/\s+/).filter(Boolean),
    maxBodyBytes: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_MAX_BODY), 'CLAUDE_INTERCOM_MAX_BODY', DEFAULT_MAX_BODY_BYTES),
    claimMode: claimMode(nonEmpty(env.CLAUDE_INTERCOM_CLAIM_MODE)),
    retentionDays: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_RETENTION_DAYS), 'CLAUDE_INTERCOM_RETENTION_DAYS', DEFAULT_RETENTION_DAYS),
    watch: watchMode(nonEmpty(env.CLAUDE_INTERCOM_WATCH)),
    chokidarEnv: ['CHOKIDAR_USEPOLLING', 'CHOKIDAR_INTERVAL'].flatMap((name) => (env[name] === undefined ? [] : [`${name}=${env[name]}`])),
    debug: /\bintercom\b/.test(env.DEBUG ?? ''),
    cwd,
  });
}
