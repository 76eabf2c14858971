// intercom presence: busy or idle as other sessions should see it. The store keeps what the hooks
// recorded; a turn the user interrupts (Esc) ends without any hook, only with a user record
// "[Request interrupted by user…]" in the transcript. A recorded busy followed by such a record
// reads idle, since the interrupt; anything else leaves the recorded state as it is.
import { describe, expect, test } from 'bun:test';
import { join } from 'node:path';
import { procInfo } from '../../src/core/proc.ts';
import { MINUTE, SECOND, T0, registerLive, tempStores } from '../helpers/store.ts';
import type { TempIntercom } from '../helpers/store.ts';
import { assistantRecord, userRecord, writeTranscript } from '../helpers/transcripts.ts';

const stores = tempStores('intercom-unit-presence-');
const SESSION = '5b1d0c7e-0000-4000-8000-00000000beef';
const CWD = '/srv/alpha';
const iso = (ms: number) => new Date(ms).toISOString();

const prompt = (text: string, at: number) => userRecord(SESSION, CWD, text, { timestamp: iso(at) });
const answer = (text: string, at: number) => ({ ...assistantRecord(SESSION, CWD, text), timestamp: iso(at) });
const interrupt = (at: number, forToolUse = false) =>
  userRecord(SESSION, CWD, [{ type: 'text', text: `[Request interrupted by user${forToolUse ? ' for tool use' : ''}]` }], {
    timestamp: iso(at),
  });

/** An agent whose hook recorded busy at T0 with this transcript; the clock a minute later. */
async function busyAgent(records: Record<string, unknown>[]) {
  const t: TempIntercom = await stores.intercom({ start: T0 + MINUTE });
  const transcriptPath = writeTranscript(t.configDir, CWD, SESSION, records);
  const agent = await registerLive(t.intercom, { sessionId: SESSION, transcriptPath });
  await t.intercom.presence.mark(agent.code, 'busy', { sessionId: SESSION, transcriptPath, at: T0 });
  return { t, agent, transcriptPath };
}

describe('an interrupted turn', () => {
  test('a busy followed by an interrupt in the transcript reads idle, since the interrupt', async () => {
    const { t, agent } = await busyAgent([prompt('refactor auth', T0), interrupt(T0 + 20 * SECOND)]);
    expect(await t.intercom.presence.of(agent.code)).toMatchObject({ state: 'idle', since: iso(T0 + 20 * SECOND) });
  });

  test('"interrupted … for tool use" counts too, and bookkeeping records after it do not hide it', async () => {
    const { t, agent } = await busyAgent([
      prompt('long job', T0),
      interrupt(T0 + 30 * SECOND, true),
      { type: 'last-prompt', lastPrompt: 'long job', sessionId: SESSION },
      { type: 'queue-operation', operation: 'dequeue', sessionId: SESSION },
    ]);
    expect((await t.intercom.presence.of(agent.code)).state).toBe('idle');
  });

  test('who shows the interrupted session as idle, since the interrupt', async () => {
    const { t, agent } = await busyAgent([prompt('refactor auth', T0), interrupt(T0 + 20 * SECOND)]);
    const [view] = await t.intercom.who({ scope: 'all' });
    expect(view).toMatchObject({ code: agent.code, activity: 'idle', since: iso(T0 + 20 * SECOND) });
  });
});

describe('what stays busy', () => {
  test('an interrupt older than the busy (an earlier turn) leaves it busy', async () => {
    const { t, agent } = await busyAgent([prompt('old task', T0 - MINUTE), interrupt(T0 - 30 * SECOND), prompt('new task', T0)]);
    expect((await t.intercom.presence.of(agent.code)).state).toBe('busy');
  });

  test('an interrupt stamped before the busy, even as the last record, leaves it busy', async () => {
    const { t, agent } = await busyAgent([prompt('old task', T0 - MINUTE), interrupt(T0 - 30 * SECOND)]);
    expect((await t.intercom.presence.of(agent.code)).state).toBe('busy');
  });

  test('a turn still answering (last record an assistant reply) is busy', async () => {
    const { t, agent } = await busyAgent([prompt('refactor auth', T0), answer('working on it', T0 + 5 * SECOND)]);
    expect(await t.intercom.presence.of(agent.code)).toMatchObject({ state: 'busy', since: iso(T0) });
  });

  test('a transcript that does not exist tells nothing: busy stays busy', async () => {
    const t = await stores.intercom({ start: T0 + MINUTE });
    const agent = await registerLive(t.intercom);
    await t.intercom.presence.mark(agent.code, 'busy', { transcriptPath: join(t.configDir, 'projects', 'nowhere.jsonl'), at: T0 });
    expect((await t.intercom.presence.of(agent.code)).state).toBe('busy');
  });

  test('a recorded idle is idle whatever the transcript says', async () => {
    const { t, agent, transcriptPath } = await busyAgent([prompt('refactor auth', T0), answer('done', T0 + 5 * SECOND)]);
    await t.intercom.presence.mark(agent.code, 'idle', { transcriptPath, at: T0 + 10 * SECOND });
    expect(await t.intercom.presence.of(agent.code)).toMatchObject({ state: 'idle', since: iso(T0 + 10 * SECOND) });
  });
});

describe('before the agent exists', () => {
  test('a busy marked for the Claude process is the agent’s once it adopts it', async () => {
    const t = await stores.intercom({ start: T0 + MINUTE });
    const claude = procInfo(process.pid)!;
    await t.intercom.presence.mark(claude, 'busy', { sessionId: SESSION, at: T0 });
    const agent = await registerLive(t.intercom, { sessionId: SESSION });
    expect((await t.intercom.presence.of(agent.code)).state).toBe('unknown');
    await t.intercom.presence.adopt(claude, agent.code);
    expect(await t.intercom.presence.of(agent.code)).toMatchObject({ state: 'busy', since: iso(T0) });
  });
});
