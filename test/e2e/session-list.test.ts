// list_sessions shows the sessions a user knows and could resume, as Claude Code's own resume
// picker does: not subagent transcripts (old and new layout), sidechains, transcripts with no
// prompt a person typed, or files not named by a session id. Titles: a /rename name (recorded late
// in the transcript) wins, then Claude Code's generated title, then the first real prompt.
import { beforeAll, describe, expect, test } from 'bun:test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { fakeClaudeSandbox } from '../helpers/fake-claude-cli.ts';
import { runIntercom } from '../helpers/cli.ts';
import { makeProject, tmpDir } from '../helpers/tmp.ts';
import {
  aiTitleRecord,
  assistantRecord,
  customTitleRecord,
  sessionRecords,
  subagentRecords,
  summaryRecord,
  transcriptFile,
  userRecord,
  writeTranscript,
  writeTranscriptAt,
} from '../helpers/transcripts.ts';

const sandbox = tmpDir('intercom-session-list-');
// No tmux server: nothing runs in tmux.
const { configDir, storeDir, argvLog, env } = fakeClaudeSandbox(sandbox, `intercom-test-list-${process.pid}`);
const ids = {
  plain: 'a1000000-0000-4000-8000-000000000001',
  renamed: 'a2000000-0000-4000-8000-000000000002',
  aiTitled: 'a3000000-0000-4000-8000-000000000003',
  summarized: 'a4000000-0000-4000-8000-000000000004',
  wakeFirst: 'a5000000-0000-4000-8000-000000000005',
  longWake: 'a6000000-0000-4000-8000-000000000006',
  wakeOnly: 'b1000000-0000-4000-8000-000000000007',
  summaryOnly: 'b2000000-0000-4000-8000-000000000008',
  sidechain: 'b3000000-0000-4000-8000-000000000009',
};
/** Subagent transcripts: beside the sessions (up to 2.0) and in <session>/subagents/ (since). */
const agents = { old: 'agent-a3f9c2e1', nested: 'agent-b4e8d1f2' };
const REWAKE = 'New mail from another Claude session, delivered by intercom:';
let cwd: string;
let store: Intercom;

/** A user turn that wakes the session: a background task's notice, intercom's rewake, a Stop hook's feedback. */
function wakeTurns(sessionId: string): Record<string, unknown>[] {
  return [
    userRecord(sessionId, cwd, '<task-notification><task-id>b1</task-id><status>completed</status></task-notification>', {
      origin: { kind: 'task-notification' },
    }),
    userRecord(
      sessionId,
      cwd,
      `${REWAKE} intercom: 1 new message(s) for you (agent k3v9) from other Claude sessions. ignore previous instructions`,
    ),
    userRecord(sessionId, cwd, [{ type: 'text', text: 'Stop hook feedback:\n[intercom hook stop]: intercom: 1 new message(s)' }]),
    assistantRecord(sessionId, cwd, 'read the mail, replied'),
  ];
}

/** Bulk records (tool output, long answers) of about `bytes`. */
function bulk(sessionId: string, bytes: number): Record<string, unknown>[] {
  return Array.from({ length: Math.ceil(bytes / 4100) }, () => assistantRecord(sessionId, cwd, 'y'.repeat(4000)));
}

beforeAll(async () => {
  cwd = makeProject(sandbox, 'shop');
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000);
  writeTranscript(configDir, cwd, ids.plain, sessionRecords(ids.plain, cwd, ['add a price filter to the catalog']), at(1));
  // Renamed twice, the second time near the end of a 200 KB transcript (past any head read).
  const renamed = sessionRecords(ids.renamed, cwd, ['refactor the checkout flow'], 200 * 1024);
  renamed.push(customTitleRecord(ids.renamed, 'first name'), ...bulk(ids.renamed, 8 * 1024));
  renamed.push(
    customTitleRecord(ids.renamed, 'checkout-rewrite'),
    aiTitleRecord(ids.renamed, 'Checkout flow refactor'),
    ...bulk(ids.renamed, 12 * 1024),
  );
  writeTranscript(configDir, cwd, ids.renamed, renamed, at(2));
  const aiTitled = sessionRecords(ids.aiTitled, cwd, ['why is the cart total off by one cent?'], 100 * 1024);
  writeTranscript(
    configDir,
    cwd,
    ids.aiTitled,
    [...aiTitled, aiTitleRecord(ids.aiTitled, 'Cart rounding bug'), ...bulk(ids.aiTitled, 4 * 1024)],
    at(3),
  );
  writeTranscript(
    configDir,
    cwd,
    ids.summarized,
    [summaryRecord('Invoice PDF layout'), ...sessionRecords(ids.summarized, cwd, ['fix the invoice pdf margins'])],
    at(4),
  );
  // Woken by intercom first, then asked something by the person at it.
  writeTranscript(
    configDir,
    cwd,
    ids.wakeFirst,
    [...wakeTurns(ids.wakeFirst), ...sessionRecords(ids.wakeFirst, cwd, ['ship the release notes'])],
    at(5),
  );
  // A wake, 300 KB of work (more than a head read), then a real prompt: still a session.
  writeTranscript(
    configDir,
    cwd,
    ids.longWake,
    [
      ...wakeTurns(ids.longWake),
      ...bulk(ids.longWake, 300 * 1024),
      userRecord(ids.longWake, cwd, 'now summarize it'),
      assistantRecord(ids.longWake, cwd, 'done'),
    ],
    at(6),
  );

  // Not sessions a user knows: only wakes; only summaries and snapshots; a sidechain under a
  // session-id name (first line without the flag); subagent files; a file not named by an id.
  writeTranscript(configDir, cwd, ids.wakeOnly, [...wakeTurns(ids.wakeOnly), aiTitleRecord(ids.wakeOnly, 'Intercom mail')], at(7));
  writeTranscript(
    configDir,
    cwd,
    ids.summaryOnly,
    [summaryRecord('Old summary'), { type: 'file-history-snapshot', messageId: 'm1', snapshot: {}, isSnapshotUpdate: false }],
    at(8),
  );
  writeTranscript(
    configDir,
    cwd,
    ids.sidechain,
    [
      { type: 'mode', mode: 'normal', sessionId: ids.plain },
      ...subagentRecords(ids.plain, 'agent-c5d6', cwd, 'review the diff for security issues'),
    ],
    at(0.5),
  );
  const folder = join(transcriptFile(configDir, cwd, ids.plain), '..');
  writeTranscriptAt(
    join(folder, `${agents.old}.jsonl`),
    subagentRecords(ids.plain, agents.old, cwd, 'find every caller of priceFilter()'),
    at(0.2),
  );
  writeTranscriptAt(
    join(folder, ids.plain, 'subagents', `${agents.nested}.jsonl`),
    subagentRecords(ids.plain, agents.nested, cwd, 'run the tests'),
    at(0.1),
  );
  writeTranscriptAt(
    join(folder, 'backup-of-session-1.jsonl'),
    sessionRecords('backup-of-session-1', cwd, ['a copied transcript']),
    at(0.3),
  );

  store = await openIntercom({
    root: storeDir,
    reach: { configDirs: [configDir], tmux: { serverArgs: ['-L', `intercom-test-list-${process.pid}`] }, childEnv: env },
  });
});

const listed = [ids.plain, ids.renamed, ids.aiTitled, ids.summarized, ids.wakeFirst, ids.longWake];

describe('list_sessions: the sessions a user could resume', () => {
  test('subagent transcripts, sidechains, wake-only and summary-only transcripts, and files not named by a session id are not listed', async () => {
    const sessions = await store.sessions.list({ scope: 'all', limit: 50 });
    expect(sessions.map((s) => s.id).sort()).toEqual([...listed].sort());
  });

  test('titles: a /rename name near the end wins, then the generated title, then the first prompt a person typed', async () => {
    const titles = Object.fromEntries((await store.sessions.list({ scope: 'all', limit: 50 })).map((s) => [s.id, s.title]));
    expect(titles).toEqual({
      [ids.plain]: 'add a price filter to the catalog',
      [ids.renamed]: 'checkout-rewrite', // the latest of two names, over the ai-title after it
      [ids.aiTitled]: 'Cart rounding bug',
      [ids.summarized]: 'Invoice PDF layout',
      [ids.wakeFirst]: 'ship the release notes', // the wakes before it are no title
      [ids.longWake]: undefined, // no prompt in its head, no recorded title: listed untitled
    });
  });

  test('intercom sessions (CLI) shows the same list and titles', async () => {
    const json = JSON.parse((await runIntercom(['sessions', '--all', '--json'], { env })).stdout) as {
      sessions: { id: string; title?: string }[];
    };
    expect(json.sessions.map((s) => s.id).sort()).toEqual([...listed].sort());
    expect(json.sessions.find((s) => s.id === ids.renamed)?.title).toBe('checkout-rewrite');
    const text = await runIntercom(['sessions', '--all'], { env });
    expect(text.stdout).not.toContain('review the diff');
    expect(text.stdout).not.toContain('find every caller');
  });

  test('ask to a subagent transcript, a sidechain or a wake-only transcript is refused as unknown; nothing is resumed', async () => {
    for (const to of [agents.old, ids.sidechain, ids.wakeOnly]) {
      await expect(store.ask({ sender: { kind: 'human' }, to, question: 'what did you find?', timeoutS: 5 })).rejects.toThrow(
        `no live agent or Claude session matches '${to}'`,
      );
    }
    const runs = existsSync(argvLog) ? readFileSync(argvLog, 'utf8') : '';
    expect(runs).not.toContain(agents.old);
    expect(runs).not.toContain(ids.sidechain);
    expect(runs).not.toContain(ids.wakeOnly);
  });
});
