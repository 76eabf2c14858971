import { expect, test } from 'bun:test';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { ancestors, isProcessAlive, parseProcStat, pidCreatedAfter, procInfo, processStartedAt } from '../../src/core/proc.ts';
import { BUN, REPO } from '../helpers/paths.ts';

test('parses /proc/<pid>/stat even when comm has spaces and parentheses', () => {
  const line = '4242 (my (weird) cmd) S 17 4242 17 0 -1 4194560 1 0 0 0 0 0 0 0 20 0 1 0 987654 1000 100';
  expect(parseProcStat(4242, line)).toEqual({ pid: 4242, ppid: 17, comm: 'my (weird) cmd', start: '987654', zombie: false });
  expect(parseProcStat(1, '1 (z) Z 0 1 1 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0 0')?.zombie).toBe(true);
});

test('this process is alive with its own start time, and not with another', () => {
  const me = procInfo(process.pid)!;
  expect(isProcessAlive(process.pid, me.start)).toBe(true);
  expect(isProcessAlive(process.pid, `${me.start}0`)).toBe(false);
  expect(isProcessAlive(2 ** 22 + 12345)).toBe(false);
});

test('the ancestor chain starts at the parent', () => {
  const chain = ancestors(process.pid);
  expect(chain[0]?.pid).toBe(process.ppid);
});

test('a process start read from /proc is never later than the spawn, and close to it', async () => {
  const before = Date.now();
  const child = Bun.spawn(['sleep', '5']);
  const after = Date.now();
  try {
    const at = processStartedAt(child.pid)!;
    // Tick-truncated: at most 20 ms early (core/proc.ts); the spawn itself lies in [before, after].
    expect(at).toBeLessThanOrEqual(after);
    expect(at).toBeGreaterThanOrEqual(before - 25);
  } finally {
    child.kill();
  }
  expect(processStartedAt(2 ** 22 + 12345)).toBeUndefined();
});

test("a hook's launch is its outermost process below Claude (time and pid), not when bun got going", async () => {
  // This test plays Claude (CLAUDE_PID); the hook's shell waits 400 ms before it starts bun, as a
  // loaded machine or a slow launcher would.
  const script = `import { hookLaunch } from ${JSON.stringify(join(REPO, 'src/hooks/event-time.ts'))};
    console.log(JSON.stringify({ ...hookLaunch(process.pid, Number(process.env.CLAUDE_PID), Math.floor(performance.timeOrigin)), origin: performance.timeOrigin }));`;
  const spawnedAt = Date.now();
  const hook = Bun.spawn(['sh', '-c', `sleep 0.4; "${BUN}" -e '${script}'; true`], {
    env: { ...process.env, CLAUDE_PID: String(process.pid) },
    stdout: 'pipe',
  });
  const returnedAt = Date.now();
  const { at, firstPid, origin } = JSON.parse(await new Response(hook.stdout).text()) as { at: number; firstPid: number; origin: number };
  expect(firstPid).toBe(hook.pid); // the shell, not bun
  expect(at).toBeLessThanOrEqual(returnedAt);
  expect(at).toBeGreaterThanOrEqual(spawnedAt - 25);
  expect(origin - at).toBeGreaterThan(350);
});

test('pids handed out close together: the higher is the newer, until they wrap at pid_max', () => {
  expect(pidCreatedAfter(5003, 5000)).toBe(true);
  expect(pidCreatedAfter(5000, 5003)).toBe(false);
  expect(pidCreatedAfter(5000, 5000)).toBe(false);
  if (!existsSync('/proc/sys/kernel/pid_max')) return;
  const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  expect(pidCreatedAfter(301, max - 5)).toBe(true); // created after the wrap
  expect(pidCreatedAfter(max - 5, 301)).toBe(false);
});
