// The checks `intercom doctor` runs, each a line: ok, warn (works, with less) or FAIL (fix it).
import { isOlderThan, MIN_CLAUDE_VERSION } from '../install/claude-version.ts';
import type { WatchChoice } from '../../store/watch-backend.ts';

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
