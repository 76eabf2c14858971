// Finding a watcher's inotify holder (src/core/inotify-holder.ts) from outside: for the tests
// and the idle-cost bench.
import { readdirSync } from 'node:fs';
import { HOLDER_SCRIPT } from '../../src/core/inotify-holder.ts';
import { commandLine, procInfo } from '../../src/core/proc.ts';

/** Live children of `pid` (Linux: from /proc). */
export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = procInfo(Number(entry)); // undefined once it has gone
    if (info?.ppid === pid && !info.zombie) children.push(info.pid);
  }
  return children;
}

/** Live children of `pid` whose command line is the holder's. */
export function holdersOf(pid: number): number[] {
  return childrenOf(pid).filter((child) => commandLine(child).includes(HOLDER_SCRIPT));
}
