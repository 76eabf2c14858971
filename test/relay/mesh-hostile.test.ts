// A hostile machine on a server without per-machine permissions (the plain `nats-server -js` a
// small team may run): what it publishes must not reach a person's terminal as escapes, fill a
// store with receipts of messages never sent, learn what became of a local message by reusing its
// id, or leave a sender waiting for a message that was refused. And what cannot be sent says so.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import { openIntercom } from '../../src/intercom/index.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { makeMachine } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const root = tmpDir('intercom-mesh-hostile-');
let nats: TestNats;
let a: TestMachine;
let b: TestMachine;
let alice: TestAgent;
let bob: TestAgent;
let evil: NatsConnection;

beforeAll(async () => {
  // max_pending: the server drops a client with more unread data than this (8 MB here, 64 MiB by default).
  // max_pending: the server drops a client with more unread data than this (8 MB here, 64 MiB by default).
  nats = await startNats(root, 'max_payload: 100000\nmax_pending: 8388608');
  a = await makeMachine(root, 'laptop', nats.url);
  b = await makeMachine(root, 'devbox', nats.url);
  await Promise.all([a.startRelay(), b.startRelay()]);
  alice = await a.agent();
  bob = await b.agent();
  evil = await connect({ servers: nats.url });
  await until(
    async () => ((await alice.call('who', { scope: 'all' })) as { agents: { code: string }[] }).agents.some((x) => x.code === bob.code),
    'bob on the laptop',
  );
});

afterAll(async () => {
  await evil?.close();
  await Promise.all([a?.close(), b?.close()]);
  await nats?.stop();
});

describe('what a hostile machine publishes', () => {
  test("no escape sequence from a subject or a payload reaches the relay's log", async () => {
    const js = jetstream(evil);
    await js.publish(`intercom.to.laptop.rcpt.x\u001b[2J\u001b]0;PWNED\u0007`, '{}').catch(() => undefined);
    evil.publish('intercom.to.laptop.mail.evil', `{"v":1,"id":"\u001b[1A"}`);
    await js.publish(
      'intercom.to.laptop.mail.evil',
      JSON.stringify({
        v: 1,
        id: '1764423494123-a1b2c3d4e5',
        from: { code: 'zzzz', machine: 'evil' },
        to: [`${alice.code}@laptop`],
        scope: 'direct',
        thread: '1764423494123-a1b2c3d4e5',
        created_at: new Date().toISOString(),
        body: 'x',
        project: 'p\u001b]52;c;aGk=\u0007',
      }),
    );
    await Bun.sleep(1_000);
    expect(a.relayLog()).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });

  test('receipts of messages this machine never sent are not kept', async () => {
    const js = jetstream(evil);
    const receipts = Array.from({ length: 50 }, (_, i) => ({
      v: 1,
      id: `1764423494${String(i).padStart(3, '0')}-a1b2c3d4e5`,
      to: 'zzzz@evil',
      state: 'seen',
      at: new Date().toISOString(),
    }));
    await js.publish('intercom.to.laptop.rcpt.evil', JSON.stringify({ v: 1, receipts }));
    await until(() => a.relayLog().includes('dropped 50 receipt(s) from evil'), 'the receipts to be dropped');
    const dir = join(a.env.CLAUDE_INTERCOM_DIR!, 'remote', 'receipts');
    const kept = (() => {
      try {
        return readdirSync(dir);
      } catch {
        return [];
      }
    })();
    expect(kept.filter((n) => n.includes('@evil'))).toEqual([]);
  });

  test('reusing the id of a local message (the feed shows it) gets nothing written and no receipt back', async () => {
    const carol = await a.agent();
    const local = (await alice.call('send', { to: carol.code, body: 'between us' })) as { id: string };
    const js = jetstream(evil);
    const leaked: string[] = [];
    const sub = evil.subscribe('intercom.to.evil.rcpt.>');
    void (async () => {
      for await (const m of sub) leaked.push(m.string());
    })();
    await js.publish(
      'intercom.to.laptop.mail.evil',
      JSON.stringify({
        v: 1,
        id: local.id,
        from: { code: 'zzzz', machine: 'evil' },
        to: [`${carol.code}@laptop`],
        scope: 'direct',
        thread: local.id,
        created_at: new Date().toISOString(),
        body: 'same id',
      }),
    );
    await until(() => a.relayLog().includes('its id is one this store already has'), 'the duplicate id to be refused');
    await carol.call('peek');
    await Bun.sleep(500);
    sub.unsubscribe();
    expect(leaked.join('')).not.toContain(local.id);
  });
});

describe('what cannot be delivered says so', () => {
  /** A send from a store of the laptop that takes bodies up to `maxBody` bytes (as CLAUDE_INTERCOM_MAX_BODY would). */
  async function sendBig(maxBody: number, bytes: number): Promise<string> {
    const store = await openIntercom({ root: a.env.CLAUDE_INTERCOM_DIR!, maxBodyBytes: maxBody });
    return (await store.mail.send({ from: { code: 'human' }, to: [`${bob.code}@devbox`], scope: 'direct', body: 'x'.repeat(bytes) })).id;
  }
  const receipt = async (id: string) => (await (await a.store()).receipts.status(id)).receipts[0]!;

  test("a body over the receiving machine's limit comes back undelivered, not relayed forever", async () => {
    const id = await sendBig(90_000, 80_000); // the devbox takes 64 KiB
    const r = await until(async () => {
      const got = await receipt(id);
      return got.state === 'undelivered' && got;
    }, 'the undelivered receipt');
    expect(r.note).toContain('never delivered');
    expect(b.relayLog()).toContain('over the 65536-byte limit');
  });

  test('a message too big for the NATS server (its max_payload) is reported undelivered, with why', async () => {
    const id = await sendBig(300_000, 150_000); // the server takes 100,000 bytes
    const r = await until(async () => {
      const got = await receipt(id);
      return got.state === 'undelivered' && got;
    }, 'the undelivered receipt');
    expect(r.note).toContain('max_payload');
    expect(readdirSync(join(a.env.CLAUDE_INTERCOM_DIR!, 'outbox', 'devbox')).filter((n) => n.endsWith('.json'))).toEqual([]);
  });
});

describe('big payloads queued for a machine', () => {
  test("do not wedge its mail: a pull stays under the server's slow-consumer limit", async () => {
    await b.stopRelay('SIGKILL'); // its agents stay known, as gone: mail to them is queued
    const js = jetstream(evil);
    const junk = 'x'.repeat(95_000); // 150 of them: 14 MB, more than the server lets one client have unread
    for (let i = 0; i < 150; i++) await js.publish('intercom.to.devbox.mail.evil', junk);
    const sent = (await alice.call('send', { to: `${bob.code}@devbox`, body: 'behind the junk' })) as { id: string };
    await b.startRelay();
    const got = await until(
      async () => ((await bob.call('peek')) as { messages: { id: string }[] }).messages.find((m) => m.id === sent.id),
      'the mail behind the junk',
      30_000,
    );
    expect(got).toBeDefined();
    expect(nats.log()).not.toContain('Slow Consumer');
  }, 60_000);
});
