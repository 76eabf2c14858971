import { expect, test } from 'bun:test';
import { ancestors, isProcessAlive, parseProcStat, procInfo } from '../../src/core/proc.ts';

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
