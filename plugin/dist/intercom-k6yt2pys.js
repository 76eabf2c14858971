// @bun
import {
  joinPath,
  isAbsolutePath,
  normalizePath
} from "./intercom-hd2vx4ay.js";
import {
  IntercomError
} from "./intercom-1c2p5kqx.js";

// src/core/config.ts
var DEFAULT_MAX_BODY_BYTES = 64 * 1024;
var DEFAULT_RETENTION_DAYS = 14;
var CLAIM_MODES = ["warn", "ask", "deny"];
var WATCH_MODES = ["auto", "events", "poll"];
function nonEmpty(value) {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
function absoluteDir(value, name, home) {
  const expanded = value === "~" ? home : value.startsWith("~/") ? joinPath(home, value.slice(2)) : value;
  if (!isAbsolutePath(expanded)) {
    throw new IntercomError("BAD_INPUT", `${name}=${value} must be an absolute path, e.g. ${name}=$HOME/${value}`);
  }
  return normalizePath(expanded);
}
function positiveInt(value, name, fallback, warn) {
  if (value === undefined)
    return fallback;
  const n = Number(value);
  if (Number.isInteger(n) && n > 0)
    return n;
  warn(`${name}=${value} is not a positive whole number, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}
function oneOf(value, name, allowed, fallback, warn) {
  if (value === undefined)
    return fallback;
  const lower = value.toLowerCase();
  if (allowed.includes(lower))
    return lower;
  warn(`${name}=${value} is not one of ${allowed.join(", ")}, so the default ${fallback} is used; fix or unset it`);
  return fallback;
}
function resolveConfig({ env, cwd, home }) {
  const warnings = [];
  const warn = (w) => warnings.push(w);
  const storeDir = nonEmpty(env.CLAUDE_INTERCOM_DIR);
  const configDir = nonEmpty(env.CLAUDE_CONFIG_DIR);
  return Object.freeze({
    storeDir: storeDir ? absoluteDir(storeDir, "CLAUDE_INTERCOM_DIR", home) : joinPath(home, ".claude-intercom"),
    claudeConfigDirs: [
      configDir ? absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home) : joinPath(home, ".claude"),
      ...(nonEmpty(env.CLAUDE_INTERCOM_CONFIG_DIRS) ?? "").split(":").filter(Boolean).map((dir) => absoluteDir(dir, "CLAUDE_INTERCOM_CONFIG_DIRS", home))
    ],
    claudeUserConfigFile: configDir ? joinPath(absoluteDir(configDir, "CLAUDE_CONFIG_DIR", home), ".claude.json") : joinPath(home, ".claude.json"),
    identityOverride: nonEmpty(env.CLAUDE_INTERCOM_SESSION),
    claudeSessionId: nonEmpty(env.CLAUDE_CODE_SESSION_ID),
    claudePid: /^\d+$/.test(env.CLAUDE_PID ?? "") ? Number(env.CLAUDE_PID) : undefined,
    pluginRoot: nonEmpty(env.CLAUDE_PLUGIN_ROOT),
    underClaudeCode: env.CLAUDECODE === "1",
    resumeFlags: (nonEmpty(env.CLAUDE_INTERCOM_RESUME_FLAGS) ?? "").split(/\s+/).filter(Boolean),
    tmuxArgs: (nonEmpty(env.CLAUDE_INTERCOM_TMUX) ?? "").split(/\s+/).filter(Boolean),
    maxBodyBytes: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_MAX_BODY), "CLAUDE_INTERCOM_MAX_BODY", DEFAULT_MAX_BODY_BYTES, warn),
    claimMode: oneOf(nonEmpty(env.CLAUDE_INTERCOM_CLAIM_MODE), "CLAUDE_INTERCOM_CLAIM_MODE", CLAIM_MODES, "ask", warn),
    retentionDays: positiveInt(nonEmpty(env.CLAUDE_INTERCOM_RETENTION_DAYS), "CLAUDE_INTERCOM_RETENTION_DAYS", DEFAULT_RETENTION_DAYS, warn),
    watch: oneOf(nonEmpty(env.CLAUDE_INTERCOM_WATCH), "CLAUDE_INTERCOM_WATCH", WATCH_MODES, "auto", warn),
    chokidarEnv: ["CHOKIDAR_USEPOLLING", "CHOKIDAR_INTERVAL"].flatMap((name) => env[name] === undefined ? [] : [`${name}=${env[name]}`]),
    debug: /\bintercom\b/.test(env.DEBUG ?? ""),
    cwd,
    warnings
  });
}

export { DEFAULT_MAX_BODY_BYTES, resolveConfig };
