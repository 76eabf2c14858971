// The other topology of docs/relay.md: a laptop's relay linked through a leaf node (a local
// nats-server without JetStream, in front of the hub), the devbox's straight to the hub, whose
// JetStream has a domain. With --domain both reach the hub's stream and buckets: who, mail both
// ways, receipts and claims work as on one server. Without it, the leaf refuses the JetStream API
// and the relay says what to pass.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import type { TestAgent } from '../helpers/agent.ts';
import { makeMachine } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { freePort, startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const root = tmpDir('intercom-mesh-leaf-');
let hub: TestNats;
let leaf: TestNats;
let a: TestMachine;
let b: TestMachine;
let alice: TestAgent;
let bob: TestAgent;

type Agents = { agents: { code: string; machine?: string }[] };
type Peeked = { messages: { id: string; from: string; body: string }[] };

beforeAll(async () => {
  const leafPort = await freePort();
  hub = await startNats(join(root, 'hub'), `leafnodes { listen: "127.0.0.1:${leafPort}" }`, { domain: 'hub' });
  leaf = await startNats(join(root, 'leaf'), `leafnodes { remotes [ { url: "nats-leaf://127.0.0.1:${leafPort}" } ] }`, false);
  await until(() => /Leafnode connection created/.test(leaf.log()), 'the leaf node to connect to the hub');
  a = await makeMachine(root, 'laptop', leaf.url, { relayArgs: ['--domain', 'hub'] });
  b = await makeMachine(root, 'devbox', hub.url, { relayArgs: ['--domain', 'hub'] });
  await Promise.all([a.startRelay(), b.startRelay()]);
  alice = await a.agent();
  bob = await b.agent();
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await leaf?.stop();
  await hub?.stop();
});

describe('a laptop linked through a leaf node, a devbox through the hub', () => {
  test('who lists both machines on both', async () => {
    for (const [me, other, machine] of [
      [alice, bob, 'devbox'],
      [bob, alice, 'laptop'],
    ] as const) {
      const seen = await until(async () => {
        const { agents } = (await me.call('who', { scope: 'all' })) as Agents;
        return agents.find((x) => x.code === other.code);
      }, `${other.code} to show on the other machine`);
      expect(seen.machine).toBe(machine);
    }
  });

  test('mail and receipts cross both ways', async () => {
    const sent = (await alice.call('send', { to: `${bob.code}@devbox`, body: 'from behind the leaf' })) as { id: string };
    const got = await until(
      async () => ((await bob.call('peek')) as Peeked).messages.find((m) => m.id === sent.id),
      'the mail on the devbox',
    );
    expect(got).toMatchObject({ from: `${alice.code}@laptop`, body: 'from behind the leaf' });
    await until(async () => {
      const { messages } = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
      return messages[0]?.receipts[0]?.state === 'seen';
    }, 'the seen receipt back on the laptop');
    const answer = (await bob.call('reply', { id: sent.id, body: 'through the hub' })) as { id: string };
    const back = await until(async () => ((await alice.call('peek')) as Peeked).messages.find((m) => m.id === answer.id), 'the reply');
    expect(back).toMatchObject({ from: `${bob.code}@devbox`, body: 'through the hub' });
  });

  test("claims hold across: the devbox's overlapping claim is refused, naming the laptop's", async () => {
    const held = (await alice.call('claim', { paths: ['src/auth/**'], reason: 'auth rewrite' })) as { mesh?: string };
    expect(held.mesh).toBe('confirmed');
    const refused = await until(async () => {
      const r = await bob.raw('claim', { paths: ['src/auth/login.ts'] });
      return r.isError && r;
    }, "the devbox to see the laptop's claim");
    expect(refused.text).toContain(`${alice.code}@laptop`);
    await alice.call('release', {});
  });
});

describe('the hub out of reach, the leaf node still up (a laptop offline)', () => {
  test('a send waits, reported queued, and flows once the hub is back: once', async () => {
    await hub.stop();
    // The laptop's relay is still connected (to its leaf node), but nothing takes its beats: doctor says so.
    const down = await until(
      async () => {
        const r = await a.cli(['doctor']);
        return r.stdout.includes('takes no beats') && r.stdout;
      },
      'doctor on the laptop to say the link is down',
      20_000,
    );
    expect(down).toMatch(/FAIL +relay/);
    const sent = (await alice.call('send', { to: `${bob.code}@devbox`, body: 'written offline' })) as { id: string };
    const { messages } = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
    expect(messages[0]?.receipts[0]?.state).toBe('queued');
    await Bun.sleep(1_000); // the relays try, and fail, meanwhile
    await hub.start();
    const got = await until(
      async () => {
        const mine = ((await bob.call('peek')) as Peeked).messages.filter((m) => m.id === sent.id);
        return mine.length ? mine : undefined;
      },
      'the offline mail on the devbox',
      60_000,
    );
    await Bun.sleep(1_000);
    expect([...got, ...((await bob.call('peek')) as Peeked).messages.filter((m) => m.id === sent.id)]).toHaveLength(1);
    await until(async () => (await a.cli(['doctor'])).stdout.includes('linked since'), 'doctor on the laptop to say linked again', 20_000);
  }, 90_000);
});

describe('through a leaf node without --domain', () => {
  test("the relay is refused, saying to pass the hub's domain", async () => {
    const lost = await makeMachine(root, 'stray', leaf.url);
    try {
      const relay = Bun.spawn([BUN, ENTRY, 'relay', '--beat', '0.3'], { env: lost.env, stdout: 'pipe', stderr: 'pipe' });
      let log = '';
      void (async () => {
        for await (const chunk of relay.stderr as ReadableStream<Uint8Array>) log += new TextDecoder().decode(chunk);
      })();
      // Refused (exit 3): starting it again as it is cannot help.
      expect(await relay.exited).toBe(3);
      expect(log).toContain("give the hub's JetStream domain with --domain");
    } finally {
      await lost.close();
    }
  }, 40_000);
});
