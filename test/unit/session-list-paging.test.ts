// list_sessions pages with offset through any number of sessions (found in review: the tool asked
// for offset + limit sessions, capped at 500, then cut off the offset, so offset 500 said "none
// found" however many there were, and offset 490 + limit 20 gave 10 rows).
import { expect, test } from 'bun:test';
import { listSessionViews } from '../../src/claude/session-list.ts';
import type { SessionSnapshot } from '../../src/claude/session-list.ts';

const NOW = Date.parse('2026-11-29T12:00:00Z');
const snapshot: SessionSnapshot = {
  sessions: Array.from({ length: 700 }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    cwd: '/srv/app',
    project: 'app',
    title: `session ${i}`,
    lastActive: NOW - i * 1000,
    transcript: `/t/${i}.jsonl`,
    configDir: '/c',
    listed: true,
  })),
  running: [],
  agents: [],
};

test('offset skips that many matching sessions, then at most limit follow, past 500 too', () => {
  const page = (offset: number, limit: number) => listSessionViews(snapshot, { scope: 'all', limit, offset, now: NOW }).map((v) => v.title);
  expect(page(0, 3)).toEqual(['session 0', 'session 1', 'session 2']);
  expect(page(490, 20)).toHaveLength(20);
  expect(page(500, 5)).toEqual(['session 500', 'session 501', 'session 502', 'session 503', 'session 504']);
  expect(page(695, 20)).toEqual(['session 695', 'session 696', 'session 697', 'session 698', 'session 699']);
  expect(page(700, 20)).toEqual([]);
});
