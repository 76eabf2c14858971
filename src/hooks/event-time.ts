// When a hook's event happened. Busy/idle marks are ordered by the time of their event
// (store/activity.ts), so a hook must stamp the moment Claude Code fired it, not the moment its
// JavaScript got going: Bun's performance.timeOrigin comes ~20 ms after exec on an idle machine
// (measured with Bun 1.4.5; more under load), and a peer's wake written in that window was
// outranked by the late stamp of a watcher taking over (issue 10.2).
// Only core/proc.ts is loaded: main.ts imports this on every hook's path, PreToolUse's included.
import { ancestors, claudeCandidates, processStartedAt } from '../core/proc.ts';

/**
 * The event time of the hook process `pid` (epoch ms): the earliest start among it and its
 * ancestors below the Claude process (the `sh -c` Claude Code spawns a command hook with, and any
 * launcher in between), never later than the truth (core/proc.ts processStartedAt). `fallback`
 * (the process's own time origin) where starts cannot be read (no /proc) or no Claude process is
 * found among the ancestors, when only the hook's own process counts.
 */
export function hookEventTime(pid: number, claudePid: number | undefined, fallback: number): number {
  const chain = ancestors(pid);
  const claude = claudeCandidates(chain, claudePid)[0]; // as intercom/identity.ts hookClaude
  const below = claude ? chain.slice(0, chain.indexOf(claude)) : [];
  let earliest = processStartedAt(pid);
  for (const p of below) {
    const at = processStartedAt(p.pid);
    if (at !== undefined && (earliest === undefined || at < earliest)) earliest = at;
  }
  return earliest === undefined ? fallback : Math.min(earliest, fallback);
}
