// Where mail goes, with the real Claude Code client (npm @anthropic-ai/claude-code) against the
// mock Anthropic API. The rule checked throughout: a message moved out of new/ (delivered/, seen/)
// was carried by a model request of the MAIN thread of the recipient session.
// - A subagent (the Agent tool) runs its tool calls with the parent's session_id (plus agent_id in
//   the hook input): its PreToolUse hooks must not take the main thread's mail.
// - `claude -p --resume <id>` runs SessionStart in the foreground, where an exit 2 reaches no model
//   request: mail waiting for that session must still reach a request of the resumed run.
// Observed with 2.1.330: the subagent tool is "Agent" (input: description, prompt, subagent_type,
// run_in_background, …); a subagent's requests carry `cc_is_subagent=true` in the billing header
// of their system prompt and start from the subagent's prompt, not the user's.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAgent } from '../helpers/agent.ts';
import type { TestAgent } from '../helpers/agent.ts';
import { messageText, startMockAnthropic } from '../helpers/mock-anthropic.ts';
import type { MockAnthropic, MockRequest } from '../helpers/mock-anthropic.ts';
import { claudePrint, claudeSandbox, claudeStream, hasClaude } from '../helpers/real-claude.ts';
import type { ClaudeSandbox } from '../helpers/real-claude.ts';
import { tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-real-claude-delivery-');
let mock: MockAnthropic;
const peers: TestAgent[] = [];

beforeAll(() => {
  if (hasClaude) mock = startMockAnthropic();
});
afterAll(async () => {
  for (const peer of peers) await peer.close();
  mock?.close();
});

const allText = (r: MockRequest) => r.body.messages.map(messageText).join('\n');
/** A request made by a subagent: Claude Code marks it in the billing header of the system prompt. */
const isSubagent = (r: MockRequest) => JSON.stringify(r.body.system ?? '').includes('cc_is_subagent=true');
const describeRequests = (rs: MockRequest[]) => rs.map((r) => `#${r.n} (${isSubagent(r) ? 'subagent' : 'main thread'})`);

/** Each test gets its own Claude config, project and store, and a peer agent on that project. */
async function setup(name: string): Promise<{ box: ClaudeSandbox; peer: TestAgent }> {
  const box = await claudeSandbox(join(sandbox, name), mock);
  const peer = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'peer' } });
  peers.push(peer);
  return { box, peer };
}

/** The code of the (one) live agent on the project other than the peer: the Claude session's. */
async function sessionAgent(peer: TestAgent): Promise<string> {
  return until(async () => {
    const agents = (await peer.call('who')).agents as { code: string; you: boolean }[];
    const others = agents.filter((a) => !a.you);
    if (others.length > 1) throw new Error(`expected one other agent, got ${JSON.stringify(agents)}`);
    return others[0]?.code;
  }, 'the Claude session to register its agent');
}

interface Stored {
  mailbox: string;
  state: string;
  id: string;
  body: string;
}

/** Every message in the store's mailboxes, with its state (the folder it sits in). */
function storedMail(store: string): Stored[] {
  const out: Stored[] = [];
  const mail = join(store, 'mail');
  if (!existsSync(mail)) return out;
  for (const mailbox of readdirSync(mail)) {
    for (const state of ['new', 'delivered', 'seen', 'acked', 'replied']) {
      const dir = join(mail, mailbox, state);
      if (!existsSync(dir)) continue;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
        const message = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { id: string; body: string };
        out.push({ mailbox, state, id: message.id, body: message.body });
      }
    }
  }
  return out;
}

/** Messages that left new/ (a hook or peek took them) but that none of `requests` carried. */
function takenButUnseen(store: string, requests: MockRequest[]): string[] {
  return storedMail(store)
    .filter((m) => m.state !== 'new' && !requests.some((r) => allText(r).includes(m.body)))
    .map((m) => `${m.mailbox}/${m.state}/${m.id}: ${JSON.stringify(m.body)}`);
}

/** A main-thread prompt that runs one foreground subagent, whose script is `inner`. */
function agentCall(inner: string): string {
  return `TOOL:Agent:${JSON.stringify({ description: 'helper task', prompt: inner, subagent_type: 'general-purpose', run_in_background: false })}`;
}

describe.skipIf(!hasClaude)('mail delivery with the real Claude Code client', () => {
  test('mail that lands while a subagent works is not handed to the subagent: the main thread gets it at its next tool call', async () => {
    const { box, peer } = await setup('subagent-print');
    const body = 'subagent test one: the schema moved to v7';
    // The subagent sleeps (the mail lands meanwhile), then makes one more tool call: today its
    // PreToolUse hook takes the mail there. The main thread then makes a tool call of its own.
    const inner =
      'subagent script one\nTOOL:Bash:{"command":"sleep 4","description":"sub sleeps"}\nTOOL:Bash:{"command":"echo sub-after","description":"sub second"}';
    const prompt = `main thread script one\n${agentCall(inner)}\nTOOL:Bash:{"command":"echo main-after","description":"main second"}`;
    const before = mock.requests.length;
    const running = claudePrint(box, prompt);
    await mock.waitFor((r) => r.n > before && isSubagent(r), 30_000, "the subagent's first request");
    const code = await sessionAgent(peer);
    const atSend = mock.requests.length;
    const sent = await peer.call('send', { to: code, body });
    const run = await running;
    expect(run.code).toBe(0);
    const turn = mock.requests.filter((r) => r.n > before);
    const sub = turn.filter(isSubagent);
    const main = turn.filter((r) => !isSubagent(r));
    // The scenario happened: the main thread's requests are the user's, the subagent's its own,
    // and the subagent made its second tool call after the mail landed.
    expect(main.every((r) => allText(r).includes('main thread script one'))).toBe(true);
    expect(sub.every((r) => allText(r).includes('subagent script one') && !allText(r).includes('main thread script one'))).toBe(true);
    expect(sub.filter((r) => r.n > atSend).length).toBeGreaterThanOrEqual(1);
    expect(main.some((r) => r.n > atSend)).toBe(true);
    // No request of the subagent carries the message...
    expect(describeRequests(sub.filter((r) => allText(r).includes(body)))).toEqual([]);
    // ...a request of the main thread does, framed as a peer message...
    const carrying = main.filter((r) => allText(r).includes(body));
    expect(describeRequests(carrying).length).toBeGreaterThanOrEqual(1);
    expect(allText(carrying[0]!)).toContain(`peer-message id="${sent.id}"`);
    // ...and nothing left new/ without the main thread seeing it.
    expect(takenButUnseen(box.store, main)).toEqual([]);
  }, 90_000);

  test('in a long-lived session, mail that lands while a subagent works wakes the main thread after the turn, not the subagent', async () => {
    const { box, peer } = await setup('subagent-stream');
    const body = 'subagent test two: staging is down until noon';
    const inner =
      'subagent script two\nTOOL:Bash:{"command":"sleep 4","description":"sub sleeps"}\nTOOL:Bash:{"command":"echo sub-after","description":"sub second"}';
    const session = claudeStream(box);
    try {
      const before = mock.requests.length;
      // The main thread makes no tool call after the subagent: only the Stop watcher can bring the mail.
      session.say(`main thread script two\n${agentCall(inner)}`);
      await mock.waitFor((r) => r.n > before && isSubagent(r), 30_000, "the subagent's first request");
      const code = await sessionAgent(peer);
      const atSend = mock.requests.length;
      const sent = await peer.call('send', { to: code, body });
      await session.waitForEvent((e) => e.type === 'result');
      const turn = mock.requests.filter((r) => r.n > before);
      const sub = turn.filter(isSubagent);
      expect(sub.filter((r) => r.n > atSend).length).toBeGreaterThanOrEqual(1);
      expect(describeRequests(sub.filter((r) => allText(r).includes(body)))).toEqual([]);
      // The turn ended with the mail still unread: the watcher armed by Stop wakes the main thread.
      const woken = await mock.waitFor(
        (r) => r.n > atSend && !isSubagent(r) && allText(r).includes(body),
        20_000,
        'a main-thread request carrying the message',
      );
      expect(allText(woken)).toContain(`peer-message id="${sent.id}"`);
      expect(allText(woken)).toContain('main thread script two');
      await session.waitForEvent((e) => e.type === 'result', 2);
      const main = mock.requests.filter((r) => r.n > before && !isSubagent(r));
      expect(takenButUnseen(box.store, main)).toEqual([]);
    } finally {
      await session.end();
    }
  }, 90_000);

  test('claude -p --resume of a session with mail waiting: the resumed run shows the mail to the model, and marks nothing delivered unseen', async () => {
    const { box, peer } = await setup('resume');
    const body = 'resume test: the release branch is cut, rebase before you push';
    const first = await claudePrint(box, 'resume test: first turn');
    expect(first.code).toBe(0);
    const sessionId = (JSON.parse(first.stdout) as { session_id: string }).session_id;
    // The first run has exited; its agent is gone from `who`.
    await until(async () => ((await peer.call('who')).agents as { you: boolean }[]).every((a) => a.you), "the first run's agent to leave");
    const sent = await peer.call('send', { to: sessionId, body });
    expect(storedMail(box.store).filter((m) => m.id === sent.id && m.state === 'new')).toHaveLength(1);
    const before = mock.requests.length;
    const again = await claudePrint(box, 'resume test: hello again', ['--resume', sessionId]);
    expect(again.code).toBe(0);
    const run = mock.requests.filter((r) => r.n > before);
    expect(run.length).toBeGreaterThanOrEqual(1);
    expect(run.every((r) => allText(r).includes('resume test: first turn'))).toBe(true); // it is the resumed conversation
    // Every message a hook (or anything) moved out of new/ was carried by a request of this run...
    expect(takenButUnseen(box.store, run)).toEqual([]);
    // ...and here the mail reaches the model (SessionStart or UserPromptSubmit context can carry it).
    const carrying = run.filter((r) => allText(r).includes(body));
    expect(describeRequests(carrying).length).toBeGreaterThanOrEqual(1);
    expect(allText(carrying[0]!)).toContain(`peer-message id="${sent.id}"`);
  }, 90_000);
  test('mail too big for one hook context reaches the model whole: what does not fit stays new, and nothing taken is unseen', async () => {
    const { box, peer } = await setup('big-context');
    // Three bodies of 4,000 characters (Claude Code keeps a hook's additionalContext inline only
    // below ~10,000 characters, 2.1.330) and one of 20,000, marked so each can be looked for.
    const bodies = ['ALPHA', 'BRAVO', 'CHARLIE'].map(
      (tag) =>
        `${tag} ${tag
          .toLowerCase()
          .repeat(Math.ceil(3_990 / tag.length))
          .slice(0, 3_990)} END-${tag}`,
    );
    const big = `DELTA ${'delta '.repeat(3_330)}END-DELTA`;
    const prompt =
      'big context script\nTOOL:Bash:{"command":"sleep 4","description":"sleeps"}\nTOOL:Bash:{"command":"echo a","description":"one"}\nTOOL:Bash:{"command":"echo b","description":"two"}\nTOOL:Bash:{"command":"echo c","description":"three"}';
    const before = mock.requests.length;
    const running = claudePrint(box, prompt);
    await mock.waitFor((r) => r.n > before && allText(r).includes('big context script'), 30_000, 'the first request');
    const code = await sessionAgent(peer);
    for (const body of [...bodies, big]) await peer.call('send', { to: code, body });
    expect((await running).code).toBe(0);
    const run = mock.requests.filter((r) => r.n > before);
    // Whatever left new/ was carried by a request (a file spill would leave only a preview): the
    // small ones whole...
    expect(takenButUnseen(box.store, run).filter((m) => !m.includes('DELTA'))).toEqual([]);
    for (const body of bodies) expect(run.some((r) => allText(r).includes(body))).toBe(true);
    // ...the big one (over one delivery by design) in part, with the way to the rest.
    const bigState = storedMail(box.store).find((m) => m.body === big)?.state;
    if (bigState !== 'new') {
      const carryingBig = run.find((r) => allText(r).includes('DELTA delta'));
      expect(carryingBig).toBeDefined();
      expect(allText(carryingBig!)).toMatch(/For the rest call the intercom peek tool with id "\d{13}-[a-z0-9]{10}" and offset \d+/);
    }
    expect(run.some((r) => allText(r).includes('Output too large'))).toBe(false);
  }, 90_000);

  /**
   * `claude -p --max-turns 2` whose first tool call marks that it runs (its PreToolUse hook is
   * over) and sleeps, then `more` tool calls; a peer sends during the sleep. Whatever took the
   * mail must have shown it to a request, or it must still wait in new/.
   */
  async function maxTurnsRun(name: string, body: string, more: string[]) {
    const { box, peer } = await setup(name);
    const marker = join(box.project, 'first-bash-running');
    const script = [
      `${name} script`,
      `TOOL:Bash:${JSON.stringify({ command: `touch ${marker}; sleep 4`, description: 'sleeps' })}`,
      ...more,
    ].join('\n');
    const before = mock.requests.length;
    const running = claudePrint(box, script, ['--max-turns', '2']);
    const code = await sessionAgent(peer);
    await until(() => existsSync(marker), 'the first Bash call to run', 30_000);
    const sent = await peer.call('send', { to: code, body });
    await running;
    const run = mock.requests.filter((r) => r.n > before);
    expect(takenButUnseen(box.store, run)).toEqual([]);
    // No request carried it, so it must still wait for a later prompt or session.
    if (!run.some((r) => allText(r).includes(body))) expect(storedMail(box.store).find((m) => m.id === sent.id)?.state).toBe('new');
  }

  test('a run that may not go on (--max-turns reached): its Stop hook takes no mail', async () => {
    // One tool call: only the Stop hook after the last request could take the mail.
    await maxTurnsRun('max-turns', 'max turns test: the deploy is frozen', []);
  }, 90_000);

  test('a run that may end after any tool call (--max-turns): a PreToolUse hook takes no mail', async () => {
    // Three tool calls with room for two turns: the second call's PreToolUse runs, its context
    // never reaches a request (the run ends at the limit).
    await maxTurnsRun('max-turns-tool', 'max turns tool test: the cache is cold', [
      'TOOL:Bash:{"command":"echo second","description":"second"}',
      'TOOL:Bash:{"command":"echo third","description":"third"}',
    ]);
  }, 90_000);
});
