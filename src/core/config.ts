// The one place that turns the environment into settings. Only the entry point calls this,
// with process.env; everything else receives the resulting Config.
import { isAbsolutePath as isAbsolute, joinPath as join, normalizePath } from './paths.ts';
import { IntercomError } from './errors.ts';
import { DOMAIN_PATTERN, MACHINE_PATTERN, NAMESPACE_PATTERN } from './ids.ts';

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
  /** Across machines (docs/relay.md): the relay's NATS link and this machine's name in the mesh. */
  mesh: MeshConfig;
  /** DEBUG contains "intercom": log details to stderr. */
  debug: boolean;
  cwd: string;
}

export interface MeshConfig {
  /** NATS server URL(s), comma-separated: CLAUDE_INTERCOM_NATS_URL (the relay's --server overrides it). */
  server: string | undefined;
  /** This machine's name in the mesh: CLAUDE_INTERCOM_MACHINE, else the host name's first label, lower case. */
  machine: string;
  /** Why CLAUDE_INTERCOM_MACHINE was not used (not a valid machine name): the relay refuses to start with it. */
  machineProblem: string | undefined;
  /** The team's namespace on the NATS account: CLAUDE_INTERCOM_NATS_NAMESPACE, default "intercom". */
  namespace: string;
  /**
   * The hub's JetStream domain, for a relay linked through a leaf node: CLAUDE_INTERCOM_NATS_DOMAIN
   * (docs/relay.md "Topology"). Undefined: JetStream is the server's own.
   */
  domain: string | undefined;
  /** Why CLAUDE_INTERCOM_NATS_DOMAIN was not used (not a domain name): the relay refuses to start with it. */
  domainProblem: string | undefined;
  /** CLAUDE_INTERCOM_NATS_USER / _PASSWORD / _TOKEN / _CREDS (a .creds file) / _TLS_CA / _TLS_CERT / _TLS_KEY. */
  user: string | undefined;
  password: string | undefined;
  token: string | undefined;
  creds: string | undefined;
  tlsCa: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
}

export const DEFAULT_NAMESPACE = 'intercom';

/** A host name as a machine name: its first label, lower case, other characters as "-" (`Bob's-MacBook.local` → `bob-s-macbook`). */
export function machineFromHostname(hostname: string): string {
  const label = hostname
    .split('.')[0]!
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+/, '')
    .slice(0, 63);
  return label === '' ? 'localhost' : label;
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
  /** This machine's host name (os.hostname()): the default machine name in the mesh. */
  hostname?: string;
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

export type QuickConfig = Pick<Config, 'storeDir' | 'cwd' | 'identityOverride' | 'claudePid'>;

/**
 * What the hooks' routes need (bin/hook-routes.ts), without the cost of a whole
 * resolveConfig: on first run each builtin it touches (regex split and replace, for…of) costs
 * ~0.2 ms to compile, ~2 ms in all (Bun 1.4.5, measured). The store folder exactly as
 * resolveConfig gives it, or undefined when it takes more than a glance to say (a relative or
 * `~` path, `.` or `..` segments, a repeated or trailing slash, an identity override), or when
 * resolveConfig refuses a setting at all, even one these routes never read (Claude Code's config
 * dirs): the full hook then decides, and reports a bad value, so a hook answers the same on
 * every route. CLAUDE_PID is read as resolveConfig reads it.
 */
export function quickConfig(env: Record<string, string | undefined>, home: string, cwd: string): QuickConfig | undefined {
  if (env.CLAUDE_INTERCOM_SESSION !== undefined && env.CLAUDE_INTERCOM_SESSION.trim() !== '') return undefined;
  const dir = env.CLAUDE_INTERCOM_DIR;
  const storeDir = dir === undefined || dir.trim() === '' ? `${home}/.claude-intercom` : dir;
  if (!isPlainAbsolute(storeDir)) return undefined;
  // An absolute CLAUDE_CONFIG_DIR (the usual) passes without the check's cost (absoluteDir refuses only relative paths).
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  if ((configDir !== undefined && !configDir.startsWith('/')) || nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) !== undefined) {
    try {
      claudeConfigDirsOf(env, home);
    } catch {
      return undefined;
    }
  }
  return { storeDir, cwd, identityOverride: undefined, claudePid: claudePidOf(env.CLAUDE_PID) };
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

function meshConfig(env: Record<string, string | undefined>, hostname: string, warn: Warn): MeshConfig {
  const wanted = nonEmpty(env.CLAUDE_INTERCOM_MACHINE);
  const fallback = machineFromHostname(hostname);
  const machineOk = wanted === undefined || MACHINE_PATTERN.test(wanted);
  const machineProblem = machineOk
    ? undefined
    : `CLAUDE_INTERCOM_MACHINE=${wanted} is not a machine name (1-63 characters of a-z, 0-9 and "-"), so "${fallback}" is used; fix or unset it`;
  if (machineProblem) warn(machineProblem);
  const namespace = nonEmpty(env.CLAUDE_INTERCOM_NATS_NAMESPACE);
  const namespaceOk = namespace === undefined || NAMESPACE_PATTERN.test(namespace);
  if (!namespaceOk)
    warn(
      `CLAUDE_INTERCOM_NATS_NAMESPACE=${namespace} is not a namespace (1-32 characters of a-z, 0-9, "_" and "-"), so "${DEFAULT_NAMESPACE}" is used; fix or unset it`,
    );
  const domain = nonEmpty(env.CLAUDE_INTERCOM_NATS_DOMAIN);
  const domainProblem =
    domain === undefined || DOMAIN_PATTERN.test(domain)
      ? undefined
      : `CLAUDE_INTERCOM_NATS_DOMAIN=${domain} is not a JetStream domain (1-64 letters, digits, "_" and "-"); fix or unset it`;
  if (domainProblem) warn(domainProblem);
  return {
    server: nonEmpty(env.CLAUDE_INTERCOM_NATS_URL),
    machine: machineOk && wanted !== undefined ? wanted : fallback,
    machineProblem,
    namespace: namespaceOk && namespace !== undefined ? namespace : DEFAULT_NAMESPACE,
    domain: domainProblem ? undefined : domain,
    domainProblem,
    user: nonEmpty(env.CLAUDE_INTERCOM_NATS_USER),
    password: nonEmpty(env.CLAUDE_INTERCOM_NATS_PASSWORD),
    token: nonEmpty(env.CLAUDE_INTERCOM_NATS_TOKEN),
    creds: nonEmpty(env.CLAUDE_INTERCOM_NATS_CREDS),
    tlsCa: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_CA),
    tlsCert: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_CERT),
    tlsKey: nonEmpty(env.CLAUDE_INTERCOM_NATS_TLS_KEY),
  };
}

/**
 * Claude Code's config dirs: CLAUDE_CONFIG_DIR (Claude Code's own, one folder; default ~/.claude),
 * then CLAUDE_INTERCOM_CONFIG_DIRS (":"-separated), whose sessions list_sessions should also see.
 * Throws IntercomError (BAD_INPUT) for a relative one.
 */
function claudeConfigDirsOf(env: Record<string, string | undefined>, home: string): string[] {
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return [
    configDir ? absoluteDir(configDir, 'CLAUDE_CONFIG_DIR', home) : join(home, '.claude'),
    ...(nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) ?? '')
      .split(':')
      .filter(Boolean)
      .map((dir) => absoluteDir(dir, 'CLAUDE_INTERCOM_CONFIG_DIRS', home)),
  ];
}

/** CLAUDE_PID as a pid, when it is one. */
function claudePidOf(value: string | undefined): number | undefined {
  return /^\d+$/.test(value ?? '') ? Number(value) : undefined;
}

export function resolveConfig({ env, cwd, home, hostname = 'localhost' }: ConfigInputs): Config {
  const warnings: string[] = [];
  const warn: Warn = (w) => warnings.push(w);
  const storeDir = nonEmpty(env.CLAUDE_INTERCOM_DIR);
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return Object.freeze({
    storeDir: storeDir ? absoluteDir(storeDir, 'CLAUDE_INTERCOM_DIR', home) : join(home, '.claude-intercom'),
    claudeConfigDirs: claudeConfigDirsOf(env, home),
    // Claude Code keeps its user config beside the config dir by default, inside it when moved.
    claudeUserConfigFile: configDir ? join(absoluteDir(configDir, 'CLAUDE_CONFIG_DIR', home), '.claude.json') : join(home, '.claude.json'),
    identityOverride: nonEmpty(env.CLAUDE_INTERCOM_SESSION),
    claudeSessionId: nonEmpty(env.CLAUDE_CODE_SESSION_ID),
    claudePid: claudePidOf(env.CLAUDE_PID),
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
    mesh: meshConfig(env, hostname, warn),
    chokidarEnv: ['CHOKIDAR_USEPOLLING', 'CHOKIDAR_INTERVAL'].flatMap((name) => (env[name] === undefined ? [] : [`${name}=${env[name]}`])),
    debug: /\bintercom\b/.test(env.DEBUG ?? ''),
    cwd,
    warnings,
  });
}
