// Intercom across machines when things go wrong (docs/relay.md "Faults"), with real relays and a
// real nats-server: a machine that disappears is shown gone and its mail is queued; relays killed
// with SIGKILL in the middle of 1,000 messages, and the NATS server stopped for 10 s during sends,
// lose nothing and duplicate nothing.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { TestAgent } from '../helpers/agent.ts';
import { makeMachine, TEST_BEAT_S } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { BUN, FIXTURES } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const root = tmpDir('intercom-mesh-faults-');
let nats: TestNats;
let a: TestMachine;
let b: TestMachine;
let alice: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  nats = await startNats(root);
  a = await makeMachine(root, 'laptop', nats.url);
  b = await makeMachine(root, 'devbox', nats.url);
  await Promise.all([a.startRelay(), b.startRelay()]);
  alice = await a.agent();
  bob = await b.agent();
  await until(
    async () => ((await alice.call('who', { scope: 'all' })) as { agents: { code: string }[] }).agents.some((x) => x.code === bob.code),
    'bob on the laptop',
  );
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await nats?.stop();
});

/** Every message in a mailbox, any state, by id (the inbox folders of the store, read directly). */
function inboxIds(machine: TestMachine, code: string): string[] {
  const box = join(machine.env.CLAUDE_INTERCOM_DIR!, 'mail', code);
  return ['new', 'delivered', 'seen', 'acked', 'replied'].flatMap((state) => {
    try {
      return readdirSync(join(box, state)).filter((n) => n.endsWith('.json'));
    } catch {
      return [];
    }
  });
}

/** `count` messages from `sender` processes on `machine` to `to`, straight through the store; resolves when all are written. */
async function sendMany(machine: TestMachine, to: string, senders: number, count: number): Promise<void> {
  const procs = Array.from({ length: senders }, (_, i) =>
    Bun.spawn([BUN, join(FIXTURES, 'send-many.ts'), machine.env.CLAUDE_INTERCOM_DIR!, to, String(i), String(count)], {
      env: machine.env,
      stdout: 'ignore',
      stderr: 'inherit',
    }),
  );
  for (const p of procs) expect(await p.exited).toBe(0);
}

/** The bodies' sender:seq tags in a mailbox: each must appear exactly once. */
async function tags(machine: TestMachine, code: string): Promise<string[]> {
  const store = await machine.store();
  const all = await store.mail.list(code, ['new', 'delivered', 'seen', 'acked', 'replied']);
  return all.map((m) => m.message.body.split(' ')[1]!.split(':').slice(0, 2).join(':'));
}

const expectExactlyOnce = (got: string[], senders: number, count: number) => {
  const want = Array.from({ length: senders }, (_, s) => Array.from({ length: count }, (_, i) => `${s}:${i}`)).flat();
  expect(got.length).toBe(want.length);
  expect(new Set(got).size).toBe(want.length);
  expect([...got].sort()).toEqual([...want].sort());
};

describe('faults across machines', () => {
  test('a machine whose relay is killed is shown gone within its grace; mail to it is queued, then flows when it returns', async () => {
    await b.stopRelay('SIGKILL');
    const killedAt = Date.now();
    await until(async () => {
      const { agents } = (await alice.call('who', { scope: 'all' })) as { agents: { code: string }[] };
      return !agents.some((x) => x.code === bob.code);
    }, 'bob to be shown gone');
    // Three beats unheard, checked every beat: within four beats (plus the test's polling).
    expect(Date.now() - killedAt).toBeLessThan(TEST_BEAT_S * 1000 * 4 + 1_500);
    const sent = (await alice.call('send', { to: `${bob.code}@devbox`, body: 'while you were away' })) as {
      id: string;
      delivery: { via: string; note: string }[];
    };
    expect(sent.delivery[0]).toMatchObject({ via: 'queued' });
    expect(sent.delivery[0]!.note).toContain('queued for devbox');
    const { messages } = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
    expect(messages[0]!.receipts[0]!.state).toBe('queued');
    await b.startRelay();
    await until(async () => inboxIds(b, bob.code).includes(`${sent.id}.json`), 'the queued message on the devbox');
    await until(async () => {
      const r = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
      return r.messages[0]!.receipts[0]!.state === 'new';
    }, 'its receipt back on the laptop');
  });

  test('relays killed with SIGKILL in the middle of 1,000 messages: 0 lost, 0 duplicated', async () => {
    const before = inboxIds(b, bob.code).length;
    const sending = sendMany(a, `${bob.code}@devbox`, 4, 250);
    // Kill the receiving relay once some have arrived, and the sending one while it publishes.
    await until(() => inboxIds(b, bob.code).length > before + 100, 'the first hundred to arrive', 30_000);
    await b.stopRelay('SIGKILL');
    await a.stopRelay('SIGKILL');
    await sending;
    await Promise.all([a.startRelay(), b.startRelay()]);
    await until(() => inboxIds(b, bob.code).length >= before + 1_000, 'all 1,000 on the devbox', 60_000);
    await Bun.sleep(1_000); // a duplicate would land by now
    expectExactlyOnce(
      (await tags(b, bob.code)).filter((t) => t !== 'away:undefined' && /^\d+:\d+$/.test(t)),
      4,
      250,
    );
    expect(readdirSync(join(a.env.CLAUDE_INTERCOM_DIR!, 'outbox', 'devbox')).filter((n) => n.endsWith('.json'))).toEqual([]);
  }, 120_000);

  test('the NATS server stopped for 10 s during sends: status says queued meanwhile; 0 lost, 0 duplicated', async () => {
    const carol = await b.agent();
    await until(
      async () => ((await alice.call('who', { scope: 'all' })) as { agents: { code: string }[] }).agents.some((x) => x.code === carol.code),
      'carol on the laptop',
    );
    const sending = sendMany(a, `${carol.code}@devbox`, 2, 100);
    await nats.stop();
    const during = (await alice.call('send', { to: `${carol.code}@devbox`, body: 'are you there?' })) as { id: string };
    await until(async () => {
      const r = (await alice.call('status', { ids: [during.id] })) as { messages: { receipts: { state: string; note: string }[] }[] };
      return r.messages[0]!.receipts[0]!.state === 'queued' && /link/.test(r.messages[0]!.receipts[0]!.note);
    }, 'status to say queued, the link down');
    await sending;
    await Bun.sleep(10_000);
    await nats.start();
    await until(() => inboxIds(b, carol.code).length >= 201, 'all 201 on the devbox after the outage', 60_000);
    await Bun.sleep(1_000);
    const got = (await tags(b, carol.code)).filter((t) => /^\d+:\d+$/.test(t));
    expectExactlyOnce(got, 2, 100);
    expect(inboxIds(b, carol.code)).toContain(`${during.id}.json`);
    expect(inboxIds(b, carol.code).length).toBe(201);
  }, 120_000);
});

describe('names and claims when machines come and go', () => {
  test('a second store that starts a relay under a machine name in use is refused, saying so', async () => {
    const twin = await makeMachine(root, 'twin-of-devbox', nats.url, { relayArgs: ['--machine', 'devbox'] });
    try {
      const r = await twin.cli(['relay', '--machine', 'devbox', '--beat', '0.3']);
      expect(r.code).toBe(3);
      expect(r.stderr).toContain('another relay already runs as machine devbox');
    } finally {
      await twin.close();
    }
  });

  test('overlapping claims made while a machine was cut off: when it is back, the earlier one stands and the later is withdrawn', async () => {
    const held = (await alice.call('claim', { paths: ['docs/**'], reason: 'rewriting the docs' })) as { mesh?: string };
    expect(held.mesh).toBe('confirmed');
    await a.stopRelay('SIGKILL');
    await until(async () => {
      const { agents } = (await bob.call('who', { scope: 'all' })) as { agents: { code: string }[] };
      return !agents.some((x) => x.code === alice.code);
    }, 'the laptop to be shown gone');
    // The laptop is gone, so its claims are void here: bob may claim.
    const meanwhile = (await bob.call('claim', { paths: ['docs/intro.md'] })) as { mesh?: string };
    expect(meanwhile.mesh).toBe('confirmed');
    await a.startRelay();
    await until(async () => {
      const { claims } = (await bob.call('claims')) as { claims: { owner: string; pattern: string }[] };
      return (
        claims.some((c) => c.owner === `${alice.code}@laptop`) && !claims.some((c) => c.owner === bob.code && c.pattern === 'docs/intro.md')
      );
    }, "bob's later claim to be withdrawn once the laptop is back");
    // The laptop shows the same: its own claim, and not bob's (hidden as the loser it is, then gone).
    const docsThere = async () =>
      ((await alice.call('claims')) as { claims: { owner: string; pattern: string }[] }).claims.filter((c) => c.pattern.startsWith('docs'));
    await until(async () => (await docsThere()).length === 1, 'one claim on docs/ on the laptop');
    expect(await docsThere()).toEqual([expect.objectContaining({ owner: alice.code, pattern: 'docs/**' })]);
    await alice.call('release', {});
  }, 60_000);
});

describe('a relay restarted with thousands of receipts owed', () => {
  test('publishes what was queued meanwhile at once, while it resends the receipts', async () => {
    const dave = await b.agent();
    await sendMany(a, `${dave.code}@devbox`, 4, 500); // 2,000 unread on the devbox: a receipt owed for each
    await until(() => inboxIds(b, dave.code).length >= 2_000, 'the 2,000 on the devbox', 60_000);
    await b.stopRelay();
    const queued = (await dave.call('send', { to: `${alice.code}@laptop`, body: 'written while my relay was down' })) as { id: string };
    await b.startRelay();
    // Before, the outbox waited for all 2,000 receipts to be resent one batch at a time (and then
    // for its 30 s rescan): the queued message came half a minute late.
    await until(
      async () => ((await alice.call('peek')) as { messages: { id: string }[] }).messages.some((m) => m.id === queued.id),
      'the queued message on the laptop',
      8_000,
    );
  }, 120_000);
});
