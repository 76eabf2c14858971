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
  /**
   * CLAUDE_PLUGIN_ROOT: the plugin folder, which Claude Code 2.1.330 sets for the MCP servers and
   * hooks a plugin starts (--plugin-dir or an installed plugin), and for no other process.
   */
  pluginRoot: string | undefined;
  /** CLAUDECODE=1: Claude Code started this process (an MCP server, a hook, a Bash tool call). */
  underClaudeCode: boolean;
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
  /** Settings that were invalid and fell back to their defaults, one sentence each (shown by every surface). */
  warnings: readonly string[];
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

// A bad value of a setting that only tunes behaviour (a mode, a size, a number of days) falls
// back to its default with a warning, which every surface shows (the CLI on stderr, the MCP server
// with its tools' results): one mistyped variable must not take intercom down everywhere. A bad
// location (the store, Claude Code's config dir) stays an error: another folder than the one named
// would split the user's messages between two stores.
type Warn = (warning: string) => void;

function positiveInt(value: string | undefined, name: string, fallback: number, warn: Warn): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0) return n;
  warn(`${name}=${value} is not a positive whole number, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}

function oneOf<T extends string>(value: string | undefined, name: string, allowed: readonly T[], fallback: T, warn: Warn): T {
  if (value === undefined) return fallback;
  const lower = value.toLowerCase();
  if ((allowed as readonly string[]).includes(lower)) return lower as T;
  warn(`${name}=${value} is not one of ${allowed.join(', ')}, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}

export type QuickConfig = Pick<Config, 'storeDir' | 'cwd' | 'identityOverride'>;

/**
 * What PreToolUse's common case needs (bin/intercom.ts), without the cost of a whole
 * resolveConfig: on first run each builtin it touches (regex split and replace, for…of) costs
 * ~0.2 ms to compile, ~2 ms in all (Bun 1.4.5, measured). The store folder exactly as
 * resolveConfig gives it, or undefined when it takes more than a glance to say (a relative or
 * `~` path, `.` or `..` segments, a repeated or trailing slash, an identity override): the full
 * hook then decides, and reports a bad value.
 */
export function quickConfig(env: Record<string, string | undefined>, home: string, cwd: string): QuickConfig | undefined {
  if (env.CLAUDE_INTERCOM_SESSION !== undefined && env.CLAUDE_INTERCOM_SESSION.trim() !== '') return undefined;
  const dir = env.CLAUDE_INTERCOM_DIR;
  const storeDir = dir === undefined || dir.trim() === '' ? `${home}/.claude-intercom` : dir;
  return isPlainAbsolute(storeDir) ? { storeDir, cwd, identityOverride: undefined } : undefined;
}

/** An absolute path that normalizePath leaves as it is. */
function isPlainAbsolute(path: string): boolean {
  return (
    path.startsWith('/') &&
    path.length > 1 &&
    !path.endsWith('/') &&
    !path.includes('//') &&
    !path.includes('/./') &&
    !path.includes('/../') &&
    !path.endsWith('/.') &&
    !path.endsWith('/..') &&
    path.trim() === path
  );
}

export function resolveConfig({ env, cwd, home }: ConfigInputs): Config {
  const warnings: string[] = [];
  const warn: Warn = (w) => warnings.push(w);
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
    pluginRoot: nonEmpty(env.CLAUDE_PLUGIN_ROOT),
    underClaudeCode: env.CLAUDECODE === '1',
    resumeFlags: (nonEmpty(env.CLAUDE_INTERCOM_RESUME_FLAGS) ?? '').split(/\s+/).filter(Boolean),
    tmuxArgs: (nonEmpty(env.CLAUDE_INTERCOM_TMUX) ?? '').split(/\s+/).filter(Boolean),
    maxBodyBytes: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_MAX_BODY), 'CLAUDE_INTERCOM_MAX_BODY', DEFAULT_MAX_BODY_BYTES, warn),
    claimMode: oneOf(nonEmpty(env.CLAUDE_INTERCOM_CLAIM_MODE), 'CLAUDE_INTERCOM_CLAIM_MODE', CLAIM_MODES, 'ask', warn),
    retentionDays: positiveInt(
      nonEmpty(env.CLAUDE_INTERCOM_RETENTION_DAYS),
      'CLAUDE_INTERCOM_RETENTION_DAYS',
      DEFAULT_RETENTION_DAYS,
      warn,
    ),
    watch: oneOf(nonEmpty(env.CLAUDE_INTERCOM_WATCH), 'CLAUDE_INTERCOM_WATCH', WATCH_MODES, 'auto', warn),
    chokidarEnv: ['CHOKIDAR_USEPOLLING', 'CHOKIDAR_INTERVAL'].flatMap((name) => (env[name] === undefined ? [] : [`${name}=${env[name]}`])),
    debug: /\bintercom\b/.test(env.DEBUG ?? ''),
    cwd,
    warnings,
  });
}
