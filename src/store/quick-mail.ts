// The store as PreToolUse's lean route sees it (hooks/pre-tool-use-lean.ts: mail waits, and that
// is all): the few records that handing this mail over reads and moves — the session's link, its
// agent's record, the inbox's oldest messages — under the full store's rules: every read is
// O_NOFOLLOW | O_NONBLOCK of a regular file (files.ts), every message is checked (record-check.ts)
// before it is shown, delivery is the rename new → delivered, and the store folder passes the
// same owner, mode and layout checks (store-dir.ts). It serves the common case only. Anything
// unusual — a special or corrupt file, an odd name, a dead agent, mail or busy marks to adopt, a
// session to link — throws QuickHandover before anything has moved, and the full hook
// (bin/app.ts) does the work and reports what it found: this file never quarantines nor writes
// a record. The other hooks' lean route builds on it (quick-hooks.ts). It loads node:fs (~2.5 ms in Bun) but no zod, and not agents.ts, mail.ts, claims.ts
// and the rest of the store (one file of ~37 KB in the bundle instead of ~20).
import { MESSAGE_ID_PATTERN, isCode } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { isProcessAlive } from '../core/proc.ts';
import type { Agents } from './agents.ts';
import { folderProblem, listNames, moveIfPresent, readStoreFile } from './files.ts';
import { INBOX_STATES, createLayout, processToken } from './layout.ts';
import type { Layout, MessageState } from './layout.ts';
import type { Mail, StoredMessage } from './mail.ts';
import { hotChecks } from './record-check.ts';
import { openStoreDir } from './store-dir.ts';

/** "Take the full hook": thrown before this store has changed anything. */
export class QuickHandover extends Error {
  override name = 'QuickHandover';
}

/** The operations hooks/pre-tool-use-mail.ts runs, with the full store's signatures (`entries` gives an iterable). */
export interface QuickMailStore {
  agents: Pick<Agents, 'codeForOverride' | 'codesForSession' | 'getLive' | 'codeForAnyProcess' | 'linkSession'>;
  mail: Pick<Mail, 'adopt' | 'load' | 'markDelivered' | 'countNew'> & {
    /** The listed names as entries, made one at a time as they are looked at (a delivery looks at a handful). */
    entries(box: string, states: readonly MessageState[]): Promise<Iterable<{ id: string; state: 'new' }>>;
  };
  /** intercom/presence.ts's `adopt`: the busy/idle events a Claude process recorded before its agent existed. */
  presence: { adopt(claude: { pid: number; start: string }, code: string): Promise<void> };
}

/**
 * Opens the store at `root` for handing over the mail of agent `code` (the one the session's
 * link names; intercom/identity.ts still checks it is this hook's), or of no agent (the session
 * has no link yet: any inbox hands over). Throws IntercomError for a store the full open refuses
 * (its owner, its mode, a linked folder), which the full hook reports.
 */
export async function openQuickMail(root: string, code: string | undefined, now: number): Promise<QuickMailStore> {
  const layout = createLayout(root);
  await openStoreDir(layout, now);
  return quickMailOn(layout, code);
}

/** openQuickMail's store on a store folder opened already (openStoreDir), for the lean routes that read it first. */
export function quickMailOn(layout: Layout, code: string | undefined): QuickMailStore {
  // Built once: each message's paths are then its id (checked) in these folders.
  const mailbox = code === undefined ? '' : layout.mailbox(code);
  const newDir = code === undefined ? '' : layout.messageDir(code, 'new');
  const deliveredDir = code === undefined ? '' : layout.messageDir(code, 'delivered');
  /** new/'s `*.json` names, oldest first, listed once (as the full store lists them: fifos too). */
  let listing: string[] | undefined;
  /** Listed names this hook moved or found gone: the rest are still in new/ as far as it knows. */
  const gone = new Set<string>();

  const handOver = (why: string): never => {
    throw new QuickHandover(why);
  };
  /** A store file's text, undefined when missing; anything but a regular file is the full hook's to quarantine. */
  const textOf = (path: string): string | undefined => {
    const read = readStoreFile(path);
    if (read.kind === 'special') handOver(`${path} is ${read.what}`);
    return read.kind === 'text' ? read.text : undefined;
  };
  const parsed = (path: string, text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return handOver(`${path} is not valid JSON`);
    }
  };
  const inboxOnly = (box: string, states: readonly string[] = ['new']) => {
    if (code === undefined || box !== code || states.length !== 1 || states[0] !== 'new')
      handOver(`not the listed inbox: ${box} ${states.join(',')}`);
  };
  const names = async (box: string): Promise<string[]> => {
    inboxOnly(box);
    if (listing) return listing;
    // A mailbox folder that is a symlink is the full store's to quarantine, never listed.
    for (const dir of [mailbox, newDir]) {
      const what = folderProblem(dir);
      if (what !== undefined) handOver(`${dir} is ${what}`);
    }
    listing = await listNames(newDir);
    return listing;
  };
  const fileName = (id: string) => (MESSAGE_ID_PATTERN.test(id) ? `${id}.json` : handOver(`${id} is not a message id`));
  /** Any record in these folders (a mailbox's, or busy/idle events to adopt) is the full hook's to move. */
  const handOverIfAny = async (parent: string, dirs: string[]) => {
    if (nodeFs().lstatSync(parent, { throwIfNoEntry: false }) === undefined) return; // the common case, without a thrown ENOENT
    for (const dir of dirs) if ((await listNames(dir)).length > 0) handOver(`${dir} holds records to adopt`);
  };

  const agents: QuickMailStore['agents'] = {
    codeForOverride: async () => handOver('an identity override'),
    // A session not linked yet, whose Claude process has no agent either (its MCP server not
    // registered yet): the common case of a new session's first hooks. Found: the full hook.
    async codeForAnyProcess(chain) {
      const names = new Set(await listNames(layout.procs, ''));
      for (const proc of chain) {
        const file = layout.procFile(proc.pid, proc.start);
        if (names.has(file.slice(file.lastIndexOf('/') + 1))) handOver('an agent found by its Claude process');
      }
      return undefined;
    },
    linkSession: async () => handOver('a session to link'),
    async codesForSession(sessionId) {
      return (textOf(layout.sessionFile(sessionId)) ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(isCode);
    },
    async getLive(agentCode) {
      const path = layout.agentFile(agentCode);
      const text = textOf(path);
      if (text === undefined) return undefined;
      const checked = hotChecks.agent(parsed(path, text));
      if (!checked.ok) return handOver(`${path} is not a valid agent record`);
      const agent = checked.value;
      // A dead agent is reaped by the full store (agents.ts), which then looks for the live one.
      return isProcessAlive(agent.pid, agent.pid_start) ? agent : handOver(`agent ${agentCode} is not live`);
    },
  };

  const mail: QuickMailStore['mail'] = {
    async adopt(from) {
      await handOverIfAny(
        layout.mailbox(from),
        INBOX_STATES.map((state) => layout.messageDir(from, state)),
      );
      return 0;
    },
    async entries(box, states) {
      inboxOnly(box, states);
      return listed(await names(box));
    },
    async load(box, entry) {
      inboxOnly(box, [entry.state]);
      const name = fileName(entry.id);
      const path = `${newDir}/${name}`;
      const text = textOf(path);
      if (text === undefined) {
        gone.add(name); // taken by another hook or a peek since the listing
        return undefined;
      }
      const checked = hotChecks.message(parsed(path, text));
      if (!checked.ok || checked.value.id !== entry.id) return handOver(`${path} is not a valid message record`);
      return { message: checked.value, state: 'new' } satisfies StoredMessage;
    },
    async markDelivered(box, ids) {
      inboxOnly(box);
      const moved: string[] = [];
      for (const id of ids) {
        const name = fileName(id);
        gone.add(name);
        if (await moveIfPresent(`${newDir}/${name}`, `${deliveredDir}/${name}`, deliveredDir)) moved.push(id);
      }
      return moved;
    },
    async countNew(box) {
      // From the one listing: mail that lands during this hook waits for the next one.
      return (await names(box)).length - gone.size;
    },
  };

  const presence: QuickMailStore['presence'] = {
    async adopt(claude) {
      const dir = layout.activityDir(`p-${processToken(claude.pid, claude.start)}`);
      await handOverIfAny(dir, [dir]);
    },
  };

  return { agents, mail, presence };
}

/**
 * Entries for listed names, made as they are iterated. A name that is no message id is the full
 * store's to quarantine: met here (it sorts among the oldest), it hands the hook over; the
 * others are only ever read by whoever lists the folder next.
 */
function* listed(names: string[]): Generator<{ id: string; state: 'new' }> {
  for (const name of names) {
    const id = name.slice(0, -'.json'.length);
    if (!MESSAGE_ID_PATTERN.test(id)) throw new QuickHandover(`${name} is not named after a message id`);
    yield { id, state: 'new' };
  }
}
