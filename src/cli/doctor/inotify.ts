// Linux caps inotify instances per user (fs.inotify.max_user_instances, 128 by default). Every
// process with an fs.watch holds one: each idle session's watcher, Claude Code itself, editors.
// At the cap, a new watcher cannot watch its inbox and falls back to polling (store/watch.ts),
// so wakes get slower; doctor says so before anyone wonders why.
import { readdirSync, readFileSync } from 'node:fs';
import { inotifyDescriptors } from '../../core/proc.ts';
import type { Check } from './checks.ts';

/** Share of the cap in use above which doctor warns. */
const WARN_SHARE = 0.8;

/** inotify instances held by processes this user can see (all of them for root), or undefined off Linux. */
export function inotifyUsage(): { used: number; max: number } | undefined {
  let max: number;
  try {
    max = Number(readFileSync('/proc/sys/fs/inotify/max_user_instances', 'utf8').trim());
  } catch {
    return undefined; // not Linux (macOS uses kqueue/FSEvents, with no such cap)
  }
  const uid = process.getuid?.();
  let used = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (uid !== undefined && !readFileSync(`/proc/${pid}/status`, 'utf8').includes(`\nUid:\t${uid}\t`)) continue;
      used += inotifyDescriptors(Number(pid)).length;
    } catch {
      // a process that exited while we looked, or one we may not read: it is not counted
    }
  }
  return { used, max };
}

export function checkInotify(usage = inotifyUsage()): Check | undefined {
  if (!usage || !Number.isFinite(usage.max) || usage.max <= 0) return undefined;
  const { used, max } = usage;
  const fix = `raise it: sudo sysctl fs.inotify.max_user_instances=${Math.max(1024, max * 4)} (and in /etc/sysctl.d/ to keep it)`;
  if (used >= max) {
    return {
      level: 'FAIL',
      name: 'inotify',
      detail: `${used} of ${max} inotify instances in use: new watchers cannot watch and poll instead (slower wakes); ${fix}`,
    };
  }
  if (used >= max * WARN_SHARE)
    return { level: 'warn', name: 'inotify', detail: `${used} of ${max} inotify instances in use, near the cap; ${fix}` };
  return { level: 'ok', name: 'inotify', detail: `${used} of ${max} inotify instances in use` };
}
