// Every tool result stays small enough for Claude Code to hand the model (it cuts or spills MCP
// results past ~25,000 tokens): text and structuredContent each within MAX_RESULT_CHARS, saying
// what was left out and how to get it. Real MCP servers over stdio; bulk mail is written through
// the store API (what any sender does), so the loop guard does not get in the way.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { FIXTURES, BUN } from '../helpers/paths.ts';
import { isolatedEnv, makeProject, tmpDir } from '../helpers/tmp.ts';
import { sessionRecords, writeTranscript } from '../helpers/transcripts.ts';

/** MAX_RESULT_CHARS (src/core/limits.ts), written out so the test also runs against older code. */
const BUDGET = 24_000;
const SLACK = 500;

const sandbox = tmpDir('intercom-bounded-');
const env = isolatedEnv(sandbox);
const root = env.CLAUDE_INTERCOM_DIR!;
let reader: TestAgent;
let peer: TestAgent;
let store: Intercom;

type Msg = { id: string; body: string; cut?: string };
type Raw = { isError?: boolean; text: string; data?: Record<string, unknown> };

beforeAll(async () => {
  const project = makeProject(sandbox, 'webapp');
  [reader, peer] = await Promise.all([startAgent({ cwd: project, env }), startAgent({ cwd: project, env })]);
  store = await openIntercom({ root });
});
afterAll(async () => {
  await Promise.all([reader, peer].map((a) => a?.close()));
});

function expectBounded(r: Raw): void {
  expect(r.isError).toBe(false);
  expect(r.text.length).toBeLessThanOrEqual(BUDGET + SLACK);
  expect(JSON.stringify(r.data ?? {}).length).toBeLessThanOrEqual(BUDGET + SLACK);
}

const messagesOf = (r: Raw) => (r.data?.messages ?? []) as Msg[];

/** `count` messages of about `size` characters from the peer, each body starting with its tag and number. */
async function mailReader(count: number, size: number, tag: string, thread?: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const head = `${tag} #${i} `;
    const body = head + 'lorem ipsum dolor sit amet '.repeat(Math.ceil(size / 27)).slice(0, size - head.length);
    const from = { code: peer.code, project: 'webapp' };
    ids.push((await store.mail.send({ from, to: [reader.code], scope: 'direct', body, ...(thread ? { thread } : {}) })).id);
  }
  return ids;
}

const inState = (state: string) => readdirSync(join(root, 'mail', reader.code, state)).map((n) => n.replace(/\.json$/, ''));
const stateOrEmpty = (state: string) => {
  try {
    return inState(state);
  } catch {
    return []; // the state folder is made on first use
  }
};

describe('peek', () => {
  test('300 waiting messages of 4 KB: one peek is bounded, says how many more wait, marks only what it returned', async () => {
    const sent = await mailReader(300, 4096, 'flood');
    const first = await reader.raw('peek');
    expectBounded(first);
    const got = messagesOf(first);
    expect(got.length).toBeGreaterThan(0);
    expect(got.length).toBeLessThan(300);
    const more = `${300 - got.length} more`;
    expect(first.text).toContain(more);
    expect(String(first.data?.more)).toContain(more);
    expect(String(first.data?.more)).toContain('call peek');
    // Only what was returned is marked seen; the rest is still new.
    expect(stateOrEmpty('seen').sort()).toEqual(got.map((m) => m.id).sort());
    expect(stateOrEmpty('new').length).toBe(300 - got.length);

    // Peeking again and again drains every message exactly once, oldest first.
    const all = got.map((m) => m.id);
    for (let calls = 0; calls < 300; calls++) {
      const next = await reader.raw('peek');
      expectBounded(next);
      const page = messagesOf(next);
      if (page.length === 0) break;
      all.push(...page.map((m) => m.id));
    }
    expect(all).toEqual(sent);
    await reader.call('ack_all');
  });

  test('two concurrent peeks and a second process reading the same inbox never return a message twice', async () => {
    const sent = await mailReader(300, 4096, 'race');
    const drainer = Bun.spawn([BUN, join(FIXTURES, 'drain-inbox.ts'), root, reader.code], {
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'pipe',
    });
    // Lines as they come: the race starts only once the other process says its store is open
    // (a fixed sleep was too short on a loaded CI machine, and then the peeks took everything).
    const out: string[] = [];
    let sawReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (sawReady = resolve));
    const lines = (async () => {
      let rest = '';
      for await (const chunk of drainer.stdout) {
        rest += new TextDecoder().decode(chunk);
        const parts = rest.split('\n');
        rest = parts.pop() ?? '';
        for (const line of parts) {
          if (line === 'ready') sawReady();
          else if (line.startsWith('{')) out.push((JSON.parse(line) as { id: string }).id);
        }
      }
      return out;
    })();
    await Promise.race([ready, drainer.exited.then((code) => Promise.reject(new Error(`drain-inbox.ts exited ${code} before ready`)))]);
    const drainMcp = async () => {
      const ids: string[] = [];
      for (let empty = 0; empty < 3; ) {
        const page = messagesOf(await reader.raw('peek'));
        ids.push(...page.map((m) => m.id));
        empty = page.length ? 0 : empty + 1;
      }
      return ids;
    };
    drainer.stdin.write('go\n');
    drainer.stdin.flush();
    const [a, b] = await Promise.all([drainMcp(), drainMcp()]);
    const other = await lines;
    await drainer.exited;
    const everything = [...a, ...b, ...other];
    // It was a race: every reader got some (typically the other process most, the peeks dozens).
    expect(other.length).toBeGreaterThan(0);
    expect(a.length + b.length).toBeGreaterThan(0);
    const twice = everything.filter((id, i) => everything.indexOf(id) !== i);
    expect(twice).toEqual([]);
    expect(everything.sort()).toEqual([...sent].sort());
    await reader.call('ack_all');
  });

  // Plain prose, and text whose JSON form is twice as long (quotes, newlines) with frame-like tags.
  const prose = (n: number) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil(n / 27)).slice(0, n);
  const awkward = (n: number) => '"quoted"\n</peer-message>\t\\ \u00e9\ud83d\ude00'.repeat(Math.ceil(n / 30)).slice(0, n);
  test.each([
    ['prose', prose],
    ['escape-heavy text', awkward],
  ] as const)(
    'a message bigger than one result (%s) comes cut, with a note, and reads on with id and offset to the exact body',
    async (_kind, make) => {
      const original = make(50_000).replace(/\ud83d$/, '');
      const { id } = await store.mail.send({
        from: { code: peer.code, project: 'webapp' },
        to: [reader.code],
        scope: 'direct',
        body: original,
      });
      const first = await reader.raw('peek');
      expectBounded(first);
      const [m] = messagesOf(first);
      expect(m!.id).toBe(id);
      expect(m!.cut).toContain(`call peek with id "${id}" and offset ${m!.body.length}`);
      let body = m!.body;
      for (let calls = 0; calls < 20 && body.length < original.length; calls++) {
        const next = await reader.raw('peek', { id, offset: body.length });
        expectBounded(next);
        body += messagesOf(next)[0]!.body;
      }
      expect(body).toBe(original);
      await reader.call('ack_all');
    },
  );
});

describe('history', () => {
  test('thread of 40 messages of 4 KB: bounded, latest first page, pages back with before to every message once', async () => {
    const [start] = await mailReader(1, 4096, 'thread');
    const rest = await mailReader(39, 4096, 'thread', start);
    const sent = [start!, ...rest];
    const seen: string[] = [];
    let r = await reader.raw('thread', { id: start });
    for (let calls = 0; calls < 40; calls++) {
      expectBounded(r);
      const page = messagesOf(r).map((m) => m.id);
      seen.unshift(...page);
      if (!r.data?.more) break;
      expect(String(r.data.more)).toContain(`before "${page[0]}"`);
      r = await reader.raw('thread', { id: start, before: page[0] });
    }
    expect(seen).toEqual(sent);
    await reader.call('ack_all');
  });

  test('search over 50 big matches: bounded, and before pages through every match once', async () => {
    const sent = await mailReader(50, 4096, 'needle');
    const found: string[] = [];
    let r = await reader.raw('search', { query: 'needle', limit: 50 });
    for (let calls = 0; calls < 50; calls++) {
      expectBounded(r);
      const page = messagesOf(r).map((m) => m.id);
      found.push(...page);
      if (!r.data?.more) break;
      r = await reader.raw('search', { query: 'needle', limit: 50, before: page.at(-1) });
    }
    expect(found).toEqual([...sent].reverse());
    await reader.call('ack_all');
  });
});

describe('lists', () => {
  test('claims and who with 300 long claims: bounded, claims pages on with offset', async () => {
    const patterns = Array.from(
      { length: 300 },
      (_, i) => `src/generated/module-${String(i).padStart(3, '0')}/${'deeply/nested/'.repeat(5)}file.ts`,
    );
    for (let i = 0; i < 300; i += 50) {
      await peer.call('claim', { paths: patterns.slice(i, i + 50), reason: 'regenerating the whole API client; '.repeat(5).slice(0, 190) });
    }
    const listed: string[] = [];
    let r = await reader.raw('claims');
    for (let calls = 0; calls < 300; calls++) {
      expectBounded(r);
      listed.push(...(r.data!.claims as { pattern: string }[]).map((c) => c.pattern));
      if (!r.data?.more) break;
      expect(String(r.data.more)).toContain(`offset ${listed.length}`);
      r = await reader.raw('claims', { offset: listed.length });
    }
    expect(listed.sort()).toEqual([...patterns].sort());
    expectBounded(await reader.raw('who'));
    await peer.call('release');
  });

  test('list_sessions over 400 sessions with long first prompts: bounded, pages on with offset', async () => {
    const configDir = env.CLAUDE_CONFIG_DIR!;
    const cwd = join(sandbox, 'webapp');
    const ids: string[] = Array.from({ length: 400 }, () => crypto.randomUUID());
    for (const [i, id] of ids.entries())
      writeTranscript(configDir, cwd, id, sessionRecords(id, cwd, [`task ${i}: ${'please refactor the billing module '.repeat(30)}`]));
    const listed: string[] = [];
    let r = await reader.raw('list_sessions', { scope: 'all', limit: 400 });
    for (let calls = 0; calls < 400; calls++) {
      expectBounded(r);
      listed.push(...(r.data!.sessions as { id: string }[]).map((s) => s.id));
      if (!r.data?.more) break;
      r = await reader.raw('list_sessions', { scope: 'all', limit: 400 - listed.length, offset: listed.length });
    }
    expect(listed.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
  });
});
