// Two "machines" (their own stores, config dirs and relays) on one real nats-server: who,
// send, reply, broadcast, receipts and thread across machines, with real MCP agents on each.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { agentCode, startFakeClaude, watcherArmedBy } from '../helpers/fake-claude.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { makeMachine } from '../helpers/mesh.ts';
import type { TestMachine } from '../helpers/mesh.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';
import { BUN, ENTRY } from '../helpers/paths.ts';

const root = tmpDir('intercom-mesh-');
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
  await alice.call('set_status', { status: 'refactoring auth' });
});

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await nats?.stop();
});

type Agents = { agents: { code: string; machine?: string; status: string }[] };

describe('across two machines', () => {
  test('who lists the agents of both machines, each with its machine', async () => {
    const seen = await until(async () => {
      const { agents } = (await alice.call('who', { scope: 'all' })) as Agents;
      return agents.some((x) => x.code === bob.code) && agents;
    }, 'bob to show on the laptop');
    expect(seen.find((x) => x.code === bob.code)?.machine).toBe('devbox');
    expect(seen.find((x) => x.code === alice.code)?.machine).toBe('laptop');
    const there = await until(async () => {
      const { agents } = (await bob.call('who', { scope: 'project' })) as Agents;
      return agents.find((x) => x.code === alice.code);
    }, 'alice to show on the devbox, on the same project');
    expect(there.status).toBe('refactoring auth');
  });

  test('send, peek, reply and receipts cross the machines', async () => {
    const sent = (await alice.call('send', { to: `${bob.code}@devbox`, body: 'which endpoint did you rename?' })) as {
      id: string;
      delivery: { via: string }[];
    };
    expect(sent.delivery[0]?.via).toBe('relay');
    const got = await until(async () => {
      const { messages } = (await bob.call('peek')) as { messages: { id: string; from: string; body: string }[] };
      return messages.length ? messages : undefined;
    }, 'the message on the devbox');
    expect(got[0]).toMatchObject({ id: sent.id, from: `${alice.code}@laptop`, body: 'which endpoint did you rename?' });
    const status = await until(async () => {
      const { messages } = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
      return messages[0]?.receipts[0]?.state === 'seen' && messages[0];
    }, 'the seen receipt on the laptop');
    expect(status.receipts[0]).toMatchObject({ to: `${bob.code}@devbox`, state: 'seen' });
    const answer = (await bob.call('reply', { id: sent.id, body: '/v2/orders is now /v2/checkout' })) as { id: string };
    const back = await until(async () => {
      const { messages } = (await alice.call('peek')) as { messages: { id: string; from: string; reply_to?: string }[] };
      return messages.find((m) => m.id === answer.id);
    }, 'the reply on the laptop');
    expect(back).toMatchObject({ from: `${bob.code}@devbox`, reply_to: sent.id });
    await until(async () => {
      const { messages } = (await alice.call('status', { ids: [sent.id] })) as { messages: { receipts: { state: string }[] }[] };
      return messages[0]?.receipts[0]?.state === 'replied';
    }, 'the replied receipt on the laptop');
    const thread = (await alice.call('thread', { id: sent.id })) as { messages: { id: string }[] };
    expect(thread.messages.map((m) => m.id)).toEqual([sent.id, answer.id]);
  });

  test('"all" reaches everyone on the project, on both machines', async () => {
    const carol = await a.agent();
    // "all" is who the devbox knows of when it sends: carol once the laptop's relay has published her.
    await until(async () => {
      const { agents } = (await bob.call('who', { scope: 'project' })) as Agents;
      return agents.some((x) => x.code === carol.code);
    }, 'carol to show on the devbox');
    const sent = (await bob.call('send', { to: 'all', body: 'migration done' })) as { to: string[] };
    expect(sent.to.sort()).toEqual([`${alice.code}@laptop`, `${carol.code}@laptop`].sort());
    for (const agent of [alice, carol]) {
      await until(async () => {
        const { messages } = (await agent.call('peek')) as { messages: { body: string }[] };
        return messages.some((m) => m.body === 'migration done');
      }, 'the broadcast on the laptop');
    }
  });
});

describe('a message from another machine wakes an idle session, through its normal watcher', () => {
  test("the watcher on the devbox exits 2 with the laptop agent's message, framed with its full address", async () => {
    const session = await startFakeClaude({ sandbox: join(root, 'devbox'), cwd: b.project, sessionId: randomUUID(), env: b.env });
    try {
      const code = await agentCode(session);
      const run = await session.hook('stop', { hook_event_name: 'Stop', stop_hook_active: false });
      await until(() => watcherArmedBy(b.env.CLAUDE_INTERCOM_DIR!, run, code), 'the watcher to arm');
      await until(
        async () => ((await alice.call('who', { scope: 'all' })) as Agents).agents.some((x) => x.code === code),
        'the session on the laptop',
      );
      const sent = (await alice.call('send', { to: code, body: 'the build is green' })) as { id: string };
      const woke = await run.done;
      expect(woke.exit).toBe(2);
      expect(woke.stderr).toContain(`<peer-message id="${sent.id}" from="${alice.code}@laptop"`);
      expect(woke.stderr).toContain('the build is green');
    } finally {
      await session.exit();
    }
  });
});

describe('ask and claims across two machines', () => {
  test('ask an agent on the other machine and get its answer', async () => {
    const asking = alice.call('ask', { to: bob.code, question: 'ready to deploy?', timeout_s: 30 });
    const question = await until(async () => {
      const { messages } = (await bob.call('peek')) as { messages: { id: string; body: string }[] };
      return messages.find((m) => m.body === 'ready to deploy?');
    }, 'the question on the devbox');
    await bob.call('reply', { id: question.id, body: 'yes, ship it' });
    expect(await asking).toMatchObject({ via: 'agent', to: `${bob.code}@devbox`, answer: 'yes, ship it' });
  });

  test('an overlapping claim from the other machine is refused, and the edit guard sees the remote claim', async () => {
    const held = (await alice.call('claim', { paths: ['src/auth/**'], reason: 'rewriting login' })) as { mesh?: string };
    expect(held.mesh).toBe('confirmed');
    const clash = await until(async () => {
      const r = await bob.raw('claim', { paths: ['src/auth/session.ts'] });
      return r.isError && r;
    }, 'the devbox to see the laptop claim');
    expect(clash.text).toContain(`claimed by ${alice.code}@laptop`);
    const { claims } = (await bob.call('claims')) as { claims: { owner: string; pattern: string }[] };
    expect(claims).toContainEqual(expect.objectContaining({ owner: `${alice.code}@laptop`, pattern: 'src/auth/**' }));
    // A session on the devbox (a real PreToolUse hook under a process playing Claude Code) that
    // edits a file the laptop's agent claimed is asked first, and told whose claim it is. Nobody on
    // the devbox claims anything: the hook's fast path must still look at the mirrored claims.
    const editor = await startFakeClaude({ sandbox: join(root, 'devbox'), cwd: b.project, sessionId: randomUUID(), env: b.env });
    try {
      await editor.call('whoami');
      const run = await (
        await editor.hook('pre-tool-use', {
          hook_event_name: 'PreToolUse',
          tool_name: 'Edit',
          tool_input: { file_path: join(b.project, 'src/auth/session.ts'), old_string: 'a', new_string: 'b' },
        })
      ).done;
      const out = JSON.parse(run.stdout).hookSpecificOutput as { permissionDecision: string; permissionDecisionReason: string };
      expect(out.permissionDecision).toBe('ask');
      expect(out.permissionDecisionReason).toContain(`${alice.code}@laptop`);
    } finally {
      await editor.exit();
    }
    const free = (await bob.call('claim', { paths: ['src/billing/**'] })) as { mesh?: string };
    expect(free.mesh).toBe('confirmed');
    await alice.call('release', {});
    await bob.call('release', {});
  });

  test('of two machines claiming overlapping files at once, exactly one gets them', async () => {
    const results = await Promise.all([alice.raw('claim', { paths: ['src/race/**'] }), bob.raw('claim', { paths: ['src/race/a.ts'] })]);
    expect(results.filter((r) => !r.isError)).toHaveLength(1);
    expect(results.filter((r) => r.isError)[0]?.text).toMatch(/overlaps .* claimed by/);
  });
});

describe('one relay per store, one namespace per team', () => {
  test('a second relay for the same store exits with a clear message', async () => {
    const r = await a.cli(['relay', '--beat', '0.3']);
    expect(r.code).toBe(3); // refused: starting it again as it is cannot help
    expect(r.stderr).toContain('a relay already runs for the store');
    expect(r.stderr).toContain(String(a.relayPid()));
  });

  test('a machine of another namespace on the same server sees none of this team, and is seen by none', async () => {
    const other = await makeMachine(root, 'outsider', nats.url, { relayArgs: ['--namespace', 'otherteam'] });
    try {
      await other.startRelay();
      const eve = await other.agent();
      await Bun.sleep(1_500); // five beats: long enough to have heard anyone
      const seen = (await eve.call('who', { scope: 'all' })) as Agents;
      expect(seen.agents.map((x) => x.code)).toEqual([eve.code]);
      const ours = (await alice.call('who', { scope: 'all' })) as Agents;
      expect(ours.agents.some((x) => x.code === eve.code)).toBe(false);
      const r = await eve.raw('send', { to: `${alice.code}@laptop`, body: 'hi' });
      expect(r.isError).toBe(true);
      expect(r.text).toContain('no machine "laptop" is known');
    } finally {
      await other.close();
    }
  });
});

describe('the whole mesh in tail', () => {
  test('tail on the laptop shows a message sent between two other machines (who, to whom; never its text)', async () => {
    const c = await makeMachine(root, 'buildbox', nats.url);
    const tail = Bun.spawn([BUN, ENTRY, 'tail', '--json'], { env: a.env, stdout: 'pipe', stderr: 'pipe' });
    try {
      await c.startRelay();
      const carl = await c.agent();
      await until(
        async () => ((await bob.call('who', { scope: 'all' })) as Agents).agents.some((x) => x.code === carl.code),
        'carl on the devbox',
      );
      const sent = (await bob.call('send', { to: carl.code, body: 'secret build flags' })) as { id: string };
      const lines: string[] = [];
      const reader = (async () => {
        for await (const chunk of tail.stdout as ReadableStream<Uint8Array>)
          lines.push(...new TextDecoder().decode(chunk).split('\n').filter(Boolean));
      })();
      const entry = await until(
        () => lines.map((l) => JSON.parse(l)).find((m) => m.id === sent.id),
        'the feed entry in tail on the laptop',
      );
      expect(entry).toMatchObject({ machine: 'devbox', from: { code: bob.code }, to: [`${carl.code}@buildbox`] });
      expect(entry.body).toBeUndefined();
      expect(JSON.stringify(lines)).not.toContain('secret build flags');
      void reader;
    } finally {
      tail.kill('SIGINT');
      await tail.exited;
      await c.close();
    }
  });
});
