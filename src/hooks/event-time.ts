// When a hook's event happened. Busy/idle marks are ordered by the time of their event
// (store/activity.ts), so a hook must stamp the moment Claude Code fired it, not the moment its
// JavaScript got going: Bun's performance.timeOrigin comes ~20 ms after exec on an idle machine
// (measured with Bun 1.4.5; more under load), and a peer's wake written in that window was
// outranked by the late stamp of a watcher taking over (issue 10.2).
// Only core/proc.ts is loaded: main.ts imports this on every hook's path.
import { ancestors, findNamedClaude, pidCreatedAfter, processStartedAt } from '../core/proc.ts';

/**
 * How much earlier than the hook's own process a launcher between it and Claude may have started
 * (`sh -c`, the npm launcher's node): anything older is not part of this hook's launch.
 */
const LAUNCH_WINDOW_MS = 5_000;

/** When a hook's launch began (epoch ms), and the pid of its first process (see activity.ts for why both). */
export interface HookLaunch {
  at: number;
  firstPid: number;
}

/**
 * The launch of the hook process `pid`: the earliest start (and lowest pid) among it and the
 * processes between it and its Claude process (the `sh -c` Claude Code spawns a command hook
 * with, and any launcher), never later than the truth (core/proc.ts processStartedAt). Those
 * launchers count only when the Claude process is known for sure (CLAUDE_PID, which Claude Code
 * 2.1.330 sets for hooks, or a process named claude) and only within LAUNCH_WINDOW_MS: a guessed
 * or long-lived ancestor would date the event to its own start. `fallback` (the process's own
 * time origin) where starts cannot be read (no /proc).
 */
export function hookLaunch(pid: number, claudePid: number | undefined, fallback: number): HookLaunch {
  const own = processStartedAt(pid);
  if (own === undefined) return { at: fallback, firstPid: pid };
  const launch = { at: Math.min(own, fallback), firstPid: pid };
  const chain = ancestors(pid);
  const claude = chain.find((p) => p.pid === claudePid) ?? findNamedClaude(chain);
  if (!claude) return launch;
  for (const p of chain.slice(0, chain.indexOf(claude))) {
    const at = processStartedAt(p.pid);
    if (at === undefined || at < own - LAUNCH_WINDOW_MS) continue;
    if (at < launch.at) launch.at = at;
    if (pidCreatedAfter(launch.firstPid, p.pid)) launch.firstPid = p.pid; // the parent was created first
  }
  return launch;
}
