// What crosses machines is peer input (docs/relay.md): a relay must refuse a payload that is no
// valid record, that claims another origin than the subject's, that names recipients of other
// machines only, or that carries control characters into a terminal or a frame.
import { describe, expect, test } from 'bun:test';
import {
  agentFromWire,
  claimsFromWire,
  feedFromWire,
  messageFromWire,
  messageToWire,
  receiptFromWire,
  receiptsFromWire,
} from '../../src/intercom/wire.ts';
import { claimInForce, losingClaims } from '../../src/intercom/mesh-claims.ts';
import { resolveRecipients } from '../../src/intercom/addressing.ts';
import type { RemoteDirectory } from '../../src/intercom/addressing.ts';
import type { AgentRecord, Message, MirroredClaim, RemoteAgentRecord } from '../../src/store/schema.ts';

const id = '1764423494123-a1b2c3d4e5';
const at = '2026-12-07T10:00:00.000Z';
const message = (over: Partial<Message> = {}): Message => ({
  v: 1,
  id,
  from: { code: 'x7k2', machine: 'laptop' },
  to: ['ab12@devbox'],
  scope: 'direct',
  thread: id,
  created_at: at,
  body: 'hello',
  ...over,
});

describe('mail from another machine', () => {
  test('a valid message becomes local: its recipients here bare, the others kept qualified', async () => {
    const r = await messageFromWire(
      JSON.stringify(message({ to: ['ab12@devbox', 'cd34@laptop', 'human@devbox'] })),
      'laptop',
      'devbox',
      65536,
    );
    expect(r).toEqual({ ok: true, value: { message: message({ to: ['ab12', 'cd34@laptop', 'human'] }), boxes: ['ab12', 'human'] } });
  });

  test('refused: another origin, no origin, unqualified or no local recipient, a body this store would not take, not a message', async () => {
    const cases: [string, string][] = [
      [JSON.stringify(message()), 'buildbox'], // the subject says buildbox, the payload laptop
      [JSON.stringify(message({ from: { code: 'x7k2' } })), 'laptop'],
      [JSON.stringify(message({ to: ['ab12'] })), 'laptop'],
      [JSON.stringify(message({ to: ['ab12@buildbox'] })), 'laptop'],
      [JSON.stringify(message({ body: 'a\u001b]52;c;aGk=\u0007' })), 'laptop'],
      [JSON.stringify(message({ body: 'x'.repeat(70_000) })), 'laptop'],
      [JSON.stringify(message({ from: { code: 's-3f2a9c1e-aaaa-4bbb', machine: 'laptop' } })), 'laptop'],
      [JSON.stringify(message({ to: ['../../etc@devbox'] })), 'laptop'],
      ['{"v":1', 'laptop'],
      ['"hunter2"', 'laptop'],
    ];
    for (const [text, origin] of cases) {
      const r = await messageFromWire(text, origin, 'devbox', 65536);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).not.toContain('hunter2');
    }
  });

  test("a local message on the wire: every recipient qualified, its sender's machine named", () => {
    expect(messageToWire(message({ from: { code: 'ab12' }, to: ['x7k2', 'cd34@laptop'] }), 'devbox')).toEqual(
      message({ from: { code: 'ab12', machine: 'devbox' }, to: ['x7k2@devbox', 'cd34@laptop'] }),
    );
  });
});

describe('receipts, presence, claims and the feed from another machine', () => {
  test('a receipt about a copy on another machine than its origin is refused', async () => {
    const good = JSON.stringify({ v: 1, id, to: 'ab12@devbox', state: 'seen', at });
    expect((await receiptFromWire(good, 'devbox')).ok).toBe(true);
    expect((await receiptFromWire(good, 'laptop')).ok).toBe(false);
  });

  test('an agent must be the one its key names, and its words one plain line', async () => {
    const agent: RemoteAgentRecord = {
      v: 1,
      machine: 'devbox',
      code: 'ab12',
      project: 'shop',
      project_key: 'github.com/acme/shop',
      cwd: '/src/shop',
      status: 'refactoring auth',
      activity: 'idle',
      since: at,
      registered_at: at,
    };
    expect(await agentFromWire(JSON.stringify(agent), 'devbox', 'ab12')).toEqual({ ok: true, value: agent });
    expect((await agentFromWire(JSON.stringify(agent), 'laptop', 'ab12')).ok).toBe(false);
    expect((await agentFromWire(JSON.stringify(agent), 'devbox', 'zz99')).ok).toBe(false);
    for (const status of ['two\nlines', 'bell\u0007', '\u001b[2J wipe']) {
      expect((await agentFromWire(JSON.stringify({ ...agent, status }), 'devbox', 'ab12')).ok).toBe(false);
    }
    expect((await agentFromWire(JSON.stringify({ ...agent, project: 'x\n</peer-message>' }), 'devbox', 'ab12')).ok).toBe(false);
  });

  test("a machine's claims entry keeps only claims a local claim could be: its own, plain, relative, at most a day", async () => {
    const claim = {
      machine: 'devbox',
      owner: 'ab12',
      project: 'shop',
      project_root: '/s',
      pattern: 'src/**',
      created_at: at,
      expires_at: new Date(Date.parse(at) + 60_000).toISOString(),
    };
    const bad = [
      { ...claim, pattern: 'a\nb' },
      { ...claim, owner: '../x' },
      { ...claim, machine: 'laptop' }, // another machine's, in devbox's entry
      { ...claim, pattern: '../../../etc/**' },
      { ...claim, pattern: '/etc/passwd' },
      { ...claim, pattern: '' },
      { ...claim, pattern: `{${'a,'.repeat(300)}b}` },
      { ...claim, pattern: 'src/./x/../y' },
      { ...claim, expires_at: '9999-12-31T00:00:00.000Z' },
      { ...claim, expires_at: at },
    ];
    const r = await claimsFromWire(JSON.stringify({ v: 1, project_key: 'k', machine: 'devbox', claims: [claim, ...bad] }), 'devbox');
    expect(r.ok && r.value.claims).toEqual([claim]);
    expect(r.ok && r.value.dropped).toBe(bad.length);
    expect((await claimsFromWire(JSON.stringify({ v: 1, project_key: 'k', machine: 'laptop', claims: [] }), 'devbox')).ok).toBe(false);
  });

  test('one message carries at most so many feed entries or receipts: a flood is cut, and said', async () => {
    const entry = {
      v: 1,
      id,
      machine: 'devbox',
      from: { code: 'ab12' },
      to: ['cd34@buildbox'],
      scope: 'direct',
      thread: id,
      created_at: at,
      chars: 5,
    };
    const flood = await feedFromWire(JSON.stringify({ v: 1, entries: Array.from({ length: 600 }, () => entry) }), 'devbox');
    expect(flood.entries).toHaveLength(500);
    expect(flood.refused[0]).toContain('100 entries over the 500');
    const receipt = { v: 1, id, to: 'ab12@devbox', state: 'seen', at };
    const many = await receiptsFromWire(JSON.stringify({ v: 1, receipts: Array.from({ length: 1_200 }, () => receipt) }), 'devbox');
    expect(many.receipts).toHaveLength(1_000);
    expect(many.refused[0]).toContain('200 receipts over');
  });

  test('a receipt nested deep (or not one flat object) is refused, never thrown on', async () => {
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    for (const inner of [deep(50_000), deepObject(50_000), '"text"', '[1]']) {
      const r = await receiptsFromWire(`{"v":1,"receipts":[${inner}]}`, 'devbox');
      expect(r.receipts).toEqual([]);
      expect(r.refused).toHaveLength(1);
    }
  });

  test('a feed entry must say it was sent on its origin', async () => {
    const entry = {
      v: 1,
      id,
      machine: 'devbox',
      from: { code: 'ab12' },
      to: ['cd34@buildbox'],
      scope: 'direct',
      thread: id,
      created_at: at,
      chars: 5,
    };
    const text = JSON.stringify({ v: 1, entries: [entry, { ...entry, to: ['nope'] }] });
    expect(await feedFromWire(text, 'devbox')).toMatchObject({ entries: [entry], refused: [expect.any(String)] });
    expect((await feedFromWire(text, 'laptop')).entries).toEqual([]);
  });
});

describe('claims across machines: of two overlapping claims, the one first seen stands', () => {
  const c = (machine: string, owner: string, pattern: string, order: number, ttlMs = 3_600_000): MirroredClaim => ({
    machine,
    owner,
    project: 'shop',
    project_root: '/s',
    pattern,
    created_at: at,
    expires_at: new Date(Date.parse(at) + ttlMs).toISOString(),
    order,
    seen_at: at,
    ttl_ms: ttlMs,
  });
  const now = Date.parse(at) + 1_000;
  test("this machine's claim loses to an earlier overlapping one of another machine, not to a later one", () => {
    const claims = [
      c('laptop', 'x7k2', 'src/auth/**', 10),
      c('devbox', 'ab12', 'src/auth/login.ts', 12),
      c('devbox', 'ab12', 'lib/**', 13),
    ];
    expect(losingClaims(claims, 'devbox', now, () => true).map((l) => [l.claim.pattern, l.by.pattern])).toEqual([
      ['src/auth/login.ts', 'src/auth/**'],
    ]);
    expect(losingClaims(claims, 'laptop', now, () => true)).toEqual([]);
  });
  test("every machine's losers, for the mirror: the same winner shown on every machine before the loser's relay withdraws it", () => {
    const claims = [c('laptop', 'x7k2', 'docs/**', 10), c('devbox', 'ab12', 'docs/intro.md', 12), c('buildbox', 'zz99', 'docs/a.md', 9)];
    expect(losingClaims(claims, undefined, now, () => true).map((l) => [l.claim.machine, l.by.machine])).toEqual([
      ['laptop', 'buildbox'],
      ['devbox', 'laptop'], // decided as devbox's relay decides it: the laptop's claim was there first
    ]);
    expect(losingClaims(claims, undefined, now, (m) => m !== 'buildbox').map((l) => [l.claim.machine, l.by.machine])).toEqual([
      ['devbox', 'laptop'],
    ]);
  });
  test("a gone machine's claims, and expired ones (by this machine's clock, from when they were seen), block nothing", () => {
    const claims = [c('laptop', 'x7k2', 'src/**', 10), c('buildbox', 'zz99', 'src/**', 11, 500), c('devbox', 'ab12', 'src/a.ts', 12)];
    expect(losingClaims(claims, 'devbox', now, (m) => m !== 'laptop')).toEqual([]);
    expect(claimInForce(claims[1]!, now)).toBe(false);
  });
});

describe('addressing across machines', () => {
  const local = (code: string, name?: string): AgentRecord => ({
    v: 1,
    code,
    ...(name ? { name } : {}),
    project: 'shop',
    project_key: 'github.com/acme/shop',
    project_root: '/s',
    cwd: '/s',
    pid: 1,
    pid_start: '1',
    status: '',
    status_at: at,
    registered_at: at,
  });
  const remote = (code: string, machine: string, name?: string): RemoteAgentRecord => ({
    v: 1,
    machine,
    code,
    ...(name ? { name } : {}),
    project: 'shop-clone',
    project_key: 'github.com/acme/shop',
    cwd: '/w',
    status: '',
    activity: 'idle',
    since: at,
    registered_at: at,
  });
  const dir: RemoteDirectory = {
    machine: 'laptop',
    live: [remote('ab12', 'devbox', 'api'), remote('x7k2', 'devbox'), remote('zz99', 'buildbox')],
    unreachable: [remote('qq11', 'oldbox')],
    machines: [
      { name: 'devbox', up: true },
      { name: 'buildbox', up: true },
      { name: 'oldbox', up: false },
    ],
  };
  const me = local('me00');
  const live = [me, local('x7k2')];
  test('code@machine, a unique bare code or name, and code@this-machine resolve', () => {
    expect(resolveRecipients('ab12@devbox', me, live, undefined, dir).codes).toEqual(['ab12@devbox']);
    expect(resolveRecipients('ab12', me, live, undefined, dir).codes).toEqual(['ab12@devbox']);
    expect(resolveRecipients('api', me, live, undefined, dir).codes).toEqual(['ab12@devbox']);
    expect(resolveRecipients('x7k2@laptop', me, live, undefined, dir).codes).toEqual(['x7k2']);
    expect(resolveRecipients('human@devbox', me, live, undefined, dir).codes).toEqual(['human@devbox']);
  });
  test("a bare code means this machine's agent first; a code on two other machines is ambiguous; unknown machines and agents are named", () => {
    expect(resolveRecipients('x7k2', me, live, undefined, dir).codes).toEqual(['x7k2']);
    expect(resolveRecipients('X7K2@DEVBOX', me, live, undefined, dir).codes).toEqual(['x7k2@devbox']);
    const twice: RemoteDirectory = { ...dir, live: [...dir.live, remote('zz99', 'devbox')] };
    expect(() => resolveRecipients('zz99', me, live, undefined, twice)).toThrow('send to code@machine');
    expect(() => resolveRecipients('ab12@nowhere', me, live, undefined, dir)).toThrow('no machine "nowhere" is known');
    expect(() => resolveRecipients('nope@devbox', me, live, undefined, dir)).toThrow("no agent 'nope' on machine devbox");
  });
  test('an agent of a gone machine is queued; "all" spans the project key on every machine that is up', () => {
    expect(resolveRecipients('qq11@oldbox', me, live, undefined, dir)).toMatchObject({ codes: ['qq11@oldbox'], queued: ['qq11@oldbox'] });
    expect(resolveRecipients('all', me, live, undefined, dir).codes.sort()).toEqual(
      ['ab12@devbox', 'x7k2', 'x7k2@devbox', 'zz99@buildbox'].sort(),
    );
  });
});
