// The watch abstraction (store/watch.ts) on both of its backends (fs.watch events, chokidar polling):
// what wakes a watch and what must not. Speed is bench/'s business; these only wait for an event.
import { describe, expect, test } from 'bun:test';
import {
  appendFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { watchFolder } from '../../src/store/watch.ts';
import type { WatchCause } from '../../src/store/watch.ts';
import { tmpDir } from '../helpers/tmp.ts';

const sandbox = tmpDir('intercom-watch-');
let n = 0;
const fresh = () => {
  const dir = join(sandbox, `d${n++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

/** A watch that records its events (not its start or backstop checks). */
async function recorder(dir: string, options: Parameters<typeof watchFolder>[2]) {
  const events: number[] = [];
  let waiting: (() => void) | undefined;
  const errors: unknown[] = [];
  const watch = await watchFolder(
    dir,
    async (cause: WatchCause) => {
      if (cause !== 'event') return;
      events.push(Date.now());
      waiting?.();
    },
    { rescanMs: 3_600_000, initial: false, onError: (e) => errors.push(e), ...options },
  );
  return {
    watch,
    errors,
    events,
    /** Resolves at the next event (or at once if `count` events have come already). */
    next: (count: number) =>
      new Promise<void>((resolve) => {
        if (events.length >= count) return resolve();
        waiting = () => events.length >= count && resolve();
      }),
  };
}

/** inotify watches this process holds (Linux): one per watched folder, whatever the backend says. */
function inotifyWatches(): number {
  let wds = 0;
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) !== 'anon_inode:inotify') continue;
      wds += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('inotify wd')).length;
    } catch {
      // an fd closed while we looked
    }
  }
  return wds;
}

describe.each(['events', 'poll'] as const)('backend %s', (mode) => {
  test.each(['linked', 'renamed'])('a file %s into the folder wakes the watch', async (how) => {
    const dir = fresh();
    const r = await recorder(dir, { mode, critical: true });
    const tmp = join(sandbox, `tmp-${n++}`);
    writeFileSync(tmp, '{}'); // as the store writes: a temp file, then linked or renamed into place
    (how === 'linked' ? linkSync : renameSync)(tmp, join(dir, 'a.json'));
    await r.next(1);
    r.watch.close();
    expect(r.errors).toEqual([]);
  });

  test('`only`: a rewrite of that file in place wakes it; other files do not', async () => {
    const dir = fresh();
    writeFileSync(join(dir, 'mine.jsonl'), 'first\n');
    writeFileSync(join(dir, 'other.jsonl'), 'first\n');
    const r = await recorder(dir, { mode, only: 'mine.jsonl' });
    appendFileSync(join(dir, 'other.jsonl'), 'second\n');
    writeFileSync(join(dir, 'new.json'), '{}');
    await Bun.sleep(2_500); // more than two polls of a non-critical folder (SLOW_POLL_MS)
    expect(r.events).toEqual([]);
    appendFileSync(join(dir, 'mine.jsonl'), 'second\n');
    await r.next(1);
    r.watch.close();
    expect(r.errors).toEqual([]);
  });

  test('a folder reached through a symbolic link (the store folder may be one)', async () => {
    const real = fresh();
    const link = join(sandbox, `link${n++}`);
    symlinkSync(real, link);
    const r = await recorder(join(link, 'new'), { mode, critical: true });
    writeFileSync(join(real, 'new', 'a.json'), '{}');
    await r.next(1);
    r.watch.close();
  });
});

describe.skipIf(process.platform !== 'linux')('which backend watches', () => {
  test('events hold an inotify watch per folder; poll holds none', async () => {
    const before = inotifyWatches();
    const polled = await recorder(fresh(), { mode: 'poll' });
    expect(inotifyWatches()).toBe(before);
    const evented = await recorder(fresh(), { mode: 'events' });
    expect(inotifyWatches()).toBe(before + 1);
    polled.watch.close();
    evented.watch.close();
    expect(inotifyWatches()).toBe(before);
  });
});
