// The hand-written checks of the hot records (src/store/record-check.ts) against their zod
// schemas (src/store/schema.ts, the source of truth): on valid records and on every mutation of
// each field below, both accept or both reject, and what they accept comes out identical (same
// keys, same order, unknown keys dropped). A field added to a schema and not to its check, or a
// pattern that drifts, fails here.
import { describe, expect, test } from 'bun:test';
import { hotChecks } from '../../src/store/record-check.ts';
import type { HotKind } from '../../src/store/record-check.ts';
import { recordSchemas } from '../../src/store/schema.ts';

const at = '2026-11-29T13:38:14.123Z';
const id = '1764423494123-a1b2c3d4e5';
const samples: Record<HotKind, Record<string, unknown>[]> = {
  message: [
    { v: 1, id, from: { code: 'human' }, to: ['abcd'], scope: 'direct', thread: id, created_at: at, body: 'hello' },
    {
      v: 1,
      id,
      from: { code: 'x7k2', name: 'api', project: 'shop' },
      to: ['abcd', 'human', 's-3f2a9c1e-aaaa-4bbb-8ccc-123456789abc'],
      scope: 'project',
      project: 'shop',
      thread: id,
      reply_to: id,
      expects_reply: true,
      created_at: '2024-02-29T23:59:59+05:30',
      body: 'a < b\nnext line',
    },
  ],
  agent: [
    {
      v: 1,
      code: 'abcd',
      project: 'p',
      project_root: '/p',
      cwd: '/p',
      pid: 4242,
      pid_start: '123',
      status: '',
      status_at: at,
      registered_at: at,
    },
    {
      v: 1,
      code: 'x7k2',
      name: 'api',
      project: 'shop',
      project_root: '/srv/shop',
      cwd: '/srv/shop/src',
      pid: 1,
      pid_start: '9',
      claude_pid: 77,
      claude_pid_start: '8',
      session_id: '3f2a9c1e-aaaa-4bbb-8ccc-123456789abc',
      transcript_path: '/home/u/.claude/projects/x/3f2a9c1e.jsonl',
      route: 'plugin',
      plugin_root: '/home/u/.claude/plugins/intercom',
      status: 's'.repeat(200),
      status_at: at,
      registered_at: at,
    },
  ],
  activity: [
    { v: 1, state: 'busy', at },
    { v: 1, state: 'idle', at, since: at, session_id: '3f2a9c1e-aaaa-4bbb-8ccc-123456789abc', transcript_path: '/t.jsonl' },
  ],
  watcher: [
    { v: 1, pid: 5, pid_start: 'x', armed_at: at },
    { v: 1, pid: 5, pid_start: 'x', claude_pid: 6, armed_at: at },
  ],
};

/** Values every field is tried with: wrong types, edge strings, edge numbers, edge times. */
const VALUES: unknown[] = [
  undefined,
  null,
  true,
  0,
  -1,
  1,
  1.5,
  2 ** 53,
  Number.MAX_SAFE_INTEGER,
  '',
  ' ',
  'abcd',
  'ABCD',
  'abc',
  'abcde',
  'human',
  'all',
  '../x',
  's-3f2a9c1e-aaaa-4bbb-8ccc-123456789abc',
  '3f2a9c1e-aaaa-4bbb-8ccc-123456789abc',
  id,
  '1764423494123-A1B2C3D4E5',
  '1764423494123-a1b2c3d4e',
  'a'.repeat(200),
  'a'.repeat(201),
  'name with spaces',
  'x'.repeat(65),
  at,
  '2026-11-29T13:38:14Z',
  '2026-11-29T13:38Z',
  '2026-11-29T13:38:14.1+24:00',
  '2026-11-29T13:38:14-23:59',
  '2026-11-29 13:38:14Z',
  '2026-11-29t13:38:14z',
  '2023-02-29T00:00:00Z',
  '2000-02-29T00:00:00Z',
  '1900-02-29T00:00:00Z',
  '2026-04-31T00:00:00Z',
  '2026-11-29T13:38:14',
  'direct',
  'everyone',
  'busy',
  'plugin',
  'mcp-config',
  [],
  ['abcd'],
  ['abcd', 'bad/one'],
  {},
  { code: 'abcd' },
  { code: 'abcd', name: 'n', project: 'p', extra: 1 },
  { code: 'abcd', name: '' },
];

function mutations(sample: Record<string, unknown>): unknown[] {
  const out: unknown[] = [sample, { ...sample, extra: 'dropped' }, [sample], null, 'text', 1];
  for (const key of Object.keys(sample)) {
    for (const value of VALUES) {
      const copy: Record<string, unknown> = { ...sample };
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      out.push(copy);
    }
  }
  return out;
}

describe('hot record checks agree with the zod schemas', () => {
  for (const kind of Object.keys(samples) as HotKind[]) {
    test(`${kind}: same verdict and same output on every mutation`, () => {
      const zodSchema = recordSchemas[kind];
      let accepted = 0;
      let rejected = 0;
      for (const sample of samples[kind]) {
        for (const input of mutations(sample)) {
          const expected = zodSchema.safeParse(input);
          const actual = hotChecks[kind](input);
          const label = JSON.stringify(input);
          expect(`${label} → ${actual.ok}`).toBe(`${label} → ${expected.success}`);
          if (expected.success && actual.ok) {
            expect(JSON.stringify(actual.value)).toBe(JSON.stringify(expected.data));
            accepted++;
          } else rejected++;
        }
      }
      // Both verdicts were exercised many times over.
      expect(accepted).toBeGreaterThan(10);
      expect(rejected).toBeGreaterThan(100);
    });
  }

  test('a check names the failing field and the kind of failure', () => {
    const r = hotChecks.message({ ...samples.message[0], to: ['abcd', 'bad/one'] });
    expect(r).toEqual({ ok: false, issue: { path: ['to', 1], kind: 'invalid format' } });
  });
});
