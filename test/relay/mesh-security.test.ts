// Security across machines (docs/relay.md "Security"), against a real nats-server configured as
// the docs say: one user per machine with the per-machine permissions, an administrator who sets
// the namespace up. Each machine's relay works with exactly those permissions, and machine B's
// credentials cannot publish as machine A (mail, receipts, presence, beats), nor read its mail.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { connect, headers } from '@nats-io/transport-node';
import { projectKeyHash } from '../../src/core/project.ts';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { TestAgent } from '../helpers/agent.ts';
import { runIntercom } from '../helpers/cli.ts';
import { makeMachine } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const NS = 'acme';

/** The permissions docs/relay.md gives machine `m` in namespace NS. */
function machinePermissions(m: string): string {
  const publish = [
    `${NS}.to.*.mail.${m}`,
    `${NS}.to.*.rcpt.${m}`,
    `${NS}.feed.${m}`,
    `$KV.${NS}-machines.${m}`,
    `$KV.${NS}-agents.${m}.>`,
    `$KV.${NS}-claims.*.${m}`,
    '$JS.API.INFO',
    '$JS.API.STREAM.INFO.*',
    `$JS.API.CONSUMER.INFO.${NS}-mail.${m}`,
    `$JS.API.CONSUMER.CREATE.${NS}-mail.${m}.${NS}.to.${m}.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${NS}-mail.${m}`,
    `$JS.ACK.${NS}-mail.${m}.>`,
    '$JS.FC.>',
    // Reading the feed (an ordered consumer), and the buckets (watches are ordered consumers too; gets are direct gets).
    `$JS.API.CONSUMER.CREATE.${NS}-feed.>`,
    `$JS.API.CONSUMER.DELETE.${NS}-feed.>`,
    `$JS.API.CONSUMER.MSG.NEXT.${NS}-feed.>`,
    ...['machines', 'agents', 'claims'].flatMap((b) => [
      `$JS.API.STREAM.INFO.KV_${NS}-${b}`,
      `$JS.API.CONSUMER.INFO.KV_${NS}-${b}.>`,
      `$JS.API.CONSUMER.CREATE.KV_${NS}-${b}.>`,
      `$JS.API.CONSUMER.DELETE.KV_${NS}-${b}.>`,
      `$JS.API.DIRECT.GET.KV_${NS}-${b}.>`,
      `$JS.API.STREAM.MSG.GET.KV_${NS}-${b}`,
    ]),
  ];
  return `{ user: ${m}, password: pw-${m}, permissions: { publish: { allow: ${JSON.stringify(publish)} }, subscribe: { allow: ["_INBOX.${NS}.${m}.>"] } } }`;
}

const root = tmpDir('intercom-mesh-sec-');
let nats: TestNats;
let a: TestMachine;
let b: TestMachine;
let alice: TestAgent;
let bob: TestAgent;

beforeAll(async () => {
  nats = await startNats(
    root,
    `accounts: { TEAM: { jetstream: enabled, users: [ { user: admin, password: pw-admin }, ${machinePermissions('laptop')}, ${machinePermissions('devbox')} ] } }`,
  );
  a = await makeMachine(root, 'laptop', nats.url, { relayArgs: ['--namespace', NS, '--user', 'laptop', '--password', 'pw-laptop'] });
  b = await makeMachine(root, 'devbox', nats.url, { relayArgs: ['--namespace', NS, '--user', 'devbox', '--password', 'pw-devbox'] });
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await nats?.stop();
});

describe('per-machine credentials', () => {
  test('without the namespace set up, a machine whose credentials may not create it is told to ask the administrator', async () => {
    const r = await runIntercom(['relay', '--namespace', NS, '--user', 'laptop', '--password', 'pw-laptop', '--beat', '0.3'], {
      env: a.env,
    });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('intercom relay --setup');
  });

  test('the administrator sets the namespace up; each machine then relays with only its own permissions', async () => {
    const setup = await runIntercom(['relay', '--setup', '--namespace', NS, '--user', 'admin', '--password', 'pw-admin'], { env: a.env });
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    await Promise.all([a.startRelay(), b.startRelay()]);
    alice = await a.agent();
    bob = await b.agent();
    await until(
      async () => ((await alice.call('who', { scope: 'all' })) as { agents: { code: string }[] }).agents.some((x) => x.code === bob.code),
      'bob on the laptop',
    );
    const sent = (await alice.call('send', { to: bob.code, body: 'hello from the laptop' })) as { id: string };
    await until(
      async () => ((await bob.call('peek')) as { messages: { id: string }[] }).messages.some((m) => m.id === sent.id),
      'the message on the devbox',
    );
    await until(async () => {
      const r = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
      return r.messages[0]!.receipts[0]!.state === 'seen';
    }, 'the receipt back on the laptop');
    expect(b.relayLog()).not.toMatch(/permission|authorization/i);
    expect(a.relayLog()).not.toMatch(/permission|authorization/i);
  });

  test("machine B's credentials cannot publish as machine A, nor read A's mail", async () => {
    const errors: string[] = [];
    const nc = await connect({ servers: nats.url, user: 'devbox', pass: 'pw-devbox', inboxPrefix: `_INBOX.${NS}.devbox` });
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    const js = jetstream(nc, { timeout: 2_000 });
    const forged = {
      v: 1,
      id: '1764423494123-a1b2c3d4e5',
      from: { code: 'zzzz', machine: 'laptop' },
      to: [`${alice.code}@laptop`],
      scope: 'direct',
      thread: '1764423494123-a1b2c3d4e5',
      created_at: new Date().toISOString(),
      body: 'forged',
    };
    // Mail and receipts naming laptop as their origin, a beat and an agent of laptop's.
    for (const subject of [
      `${NS}.to.laptop.mail.laptop`,
      `${NS}.to.devbox.mail.laptop`,
      `${NS}.to.laptop.rcpt.laptop`,
      `${NS}.feed.laptop`,
      `$KV.${NS}-machines.laptop`,
      `$KV.${NS}-agents.laptop.zzzz`,
    ]) {
      await expect(js.publish(subject, JSON.stringify(forged))).rejects.toThrow();
    }
    // Reading laptop's mail: a consumer on its subjects cannot be made.
    const jsm = await jetstreamManager(nc, { timeout: 2_000 });
    await expect(jsm.consumers.add(`${NS}-mail`, { durable_name: 'laptop', filter_subject: `${NS}.to.laptop.>` })).rejects.toThrow();
    await expect(jsm.consumers.add(`${NS}-mail`, { durable_name: 'spy', filter_subject: `${NS}.to.laptop.>` })).rejects.toThrow();
    // Nor listen in on the replies JetStream sends laptop (its messages are delivered to them).
    const spy = nc.subscribe(`_INBOX.${NS}.laptop.>`);
    await nc.flush();
    await Bun.sleep(200);
    await nc.close();
    expect(errors.join('\n')).toMatch(/Subscription to "_INBOX\.acme\.laptop\.>"/);
    spy.unsubscribe();
    expect(errors.join('\n')).toMatch(/permission/i);
    // A relay started with B's credentials under A's name cannot take A's place.
    const r = await runIntercom(
      ['relay', '--namespace', NS, '--machine', 'laptop', '--user', 'devbox', '--password', 'pw-devbox', '--beat', '0.3'],
      { env: { ...b.env, CLAUDE_INTERCOM_DIR: `${root}/impostor` } },
    );
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/permissions refused|may not create/);
    // Nor take away or overwrite laptop's claims, nor erase the buckets with a rollup on a key of its own.
    await alice.call('claim', { paths: ['src/auth/**'] });
    const hash = projectKeyHash('github.com/acme/shop');
    const spy2 = await connect({ servers: nats.url, user: 'devbox', pass: 'pw-devbox', inboxPrefix: `_INBOX.${NS}.devbox` });
    const js2 = jetstream(spy2, { timeout: 2_000 });
    await expect(
      js2.publish(`$KV.${NS}-claims.${hash}.laptop`, JSON.stringify({ v: 1, project_key: 'x', machine: 'laptop', claims: [] })),
    ).rejects.toThrow();
    const rollup = headers();
    rollup.set('Nats-Rollup', 'all');
    for (const subject of [`$KV.${NS}-claims.${hash}.devbox`, `$KV.${NS}-agents.devbox.zzzz`, `$KV.${NS}-machines.devbox`]) {
      await expect(js2.publish(subject, '{}', { headers: rollup })).rejects.toThrow(/rollup/i);
    }
    await spy2.close();
    const held = (await bob.call('claims')) as { claims: { owner: string; pattern: string }[] };
    expect(held.claims).toContainEqual(expect.objectContaining({ owner: `${alice.code}@laptop`, pattern: 'src/auth/**' }));
    await alice.call('release', {});
    // Nothing forged reached alice.
    const { messages } = (await alice.call('peek')) as { messages: { body: string }[] };
    expect(messages.map((m) => m.body)).not.toContain('forged');
  });

  test('wrong credentials are refused with a clear error', async () => {
    for (const setup of [[], ['--setup']]) {
      const r = await runIntercom(['relay', '--namespace', NS, '--user', 'laptop', '--password', 'wrong', ...setup], {
        env: { ...a.env, CLAUDE_INTERCOM_DIR: `${root}/wrong-password` },
      });
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/the server refused the credentials/);
    }
  });
});

describe('TLS and a token', () => {
  const dir = tmpDir('intercom-mesh-tls-');
  let server: TestNats;
  const sh = (cmd: string) => {
    const r = Bun.spawnSync(['sh', '-c', cmd], { cwd: dir, stderr: 'pipe' });
    if (r.exitCode !== 0) throw new Error(`${cmd}: ${r.stderr.toString()}`);
  };

  beforeAll(async () => {
    // A private CA, and a server certificate for 127.0.0.1 signed by it.
    sh('openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=test-ca" -keyout ca.key -out ca.pem 2>/dev/null');
    sh('openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout server.key -out server.csr 2>/dev/null');
    sh(
      'printf "subjectAltName=IP:127.0.0.1\\n" > san.ext && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -extfile san.ext -out server.pem 2>/dev/null',
    );
    server = await startNats(
      dir,
      `tls { cert_file: "${dir}/server.pem", key_file: "${dir}/server.key" }\nauthorization { token: "s3cret-token" }`,
    );
  });
  afterAll(async () => server?.stop());

  test('a relay links over TLS with the CA and the token; without the CA, or with a wrong token, it is told why', async () => {
    const url = `tls://127.0.0.1:${server.port}`;
    const m = await makeMachine(dir, 'secure', url, { relayArgs: ['--tls-ca', `${dir}/ca.pem`, '--token', 's3cret-token'] });
    try {
      await m.startRelay();
      const state = await Bun.file(`${m.env.CLAUDE_INTERCOM_DIR}/relay/state.json`).json();
      expect(state).toMatchObject({ link: 'up', server: url });
      expect(JSON.stringify(state)).not.toContain('s3cret');
    } finally {
      await m.close();
    }
    const wrong = await runIntercom(['relay', '--server', url, '--tls-ca', `${dir}/ca.pem`, '--token', 'nope', '--setup'], {
      env: { PATH: process.env.PATH!, HOME: dir, CLAUDE_INTERCOM_DIR: `${dir}/s2` },
    });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/refused the credentials/);
    const untrusted = await runIntercom(['relay', '--server', url, '--token', 's3cret-token', '--setup'], {
      env: { PATH: process.env.PATH!, HOME: dir, CLAUDE_INTERCOM_DIR: `${dir}/s3` },
    });
    expect(untrusted.code).toBe(3);
    expect(untrusted.stderr).toMatch(/certificate|self.signed|verify/i);
  }, 60_000);
});
