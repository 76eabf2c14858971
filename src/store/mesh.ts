// The mesh of machines as this store sees it (docs/relay.md): the relay's own record, the outbox
// of messages waiting for other machines, and the mirror the relay keeps of other machines,
// their agents, their claims and the receipts of copies sent there. Local processes read these
// files; only the relay writes the mirror. Every file is written whole (tmp + rename) and read
// with the store's safe reader (no symlink, no fifo, corrupt files quarantined).
import { IntercomError, hasErrno } from '../core/errors.ts';
import { MACHINE_PATTERN, MESSAGE_ID_PATTERN, assertMessageId, isCode } from '../core/ids.ts';
import { nodeFs } from '../core/node-fs.ts';
import { isProcessAlive } from '../core/proc.ts';
import type { StoreContext } from './context.ts';
import { listNames, publish, removeIfPresent, removeQuietly, replaceFile, writeTmp } from './files.ts';
import { listRecordNames, parseRecord, readRecord, readStoreText } from './records.ts';
import type {
  ClaimRefusalRecord,
  FeedEntry,
  InboundRecord,
  RelayStateRecord,
  RemoteAgentRecord,
  RemoteClaimsRecord,
  RemoteMachineRecord,
  RemoteReceiptRecord,
} from './schema.ts';

/** The mesh as local processes see it: nothing of other machines is vouched for while no relay runs. */
export interface MeshView {
  /** The relay of this store, when its process lives. */
  relay: RelayStateRecord | undefined;
  /** Other machines by name, as the relay last saw them (every one "gone" when no relay runs). */
  machines: Map<string, RemoteMachineRecord>;
  /** Agents of machines that are up (none while no relay runs). */
  agents: RemoteAgentRecord[];
  /** Agents last seen on machines that are gone now, or while no relay runs: mail to them is queued. */
  unreachable: RemoteAgentRecord[];
}

const json = (record: unknown) => `${JSON.stringify(record)}\n`;

export function createMesh(ctx: StoreContext) {
  const { layout } = ctx;
  const now = () => ctx.clock.now();
  const read = <K extends Parameters<typeof readRecord>[1]>(kind: K, path: string) => readRecord(layout, kind, path, ctx.report, now());

  /** The relay's record when its process lives; undefined when none ran or it is gone. */
  async function relay(): Promise<RelayStateRecord | undefined> {
    const state = await read('relayState', layout.relayState);
    return state && isProcessAlive(state.pid, state.pid_start) ? state : undefined;
  }

  /**
   * Take the store's relay lock: an exclusive create of relay/lock holding "<pid> <start>". A lock
   * whose process is gone is taken over. Throws CONFLICT naming the running relay.
   */
  async function lockRelay(pid: number, start: string): Promise<void> {
    const fs = nodeFs();
    for (let attempt = 0; attempt < 3; attempt++) {
      const tmp = await writeTmp(layout, `${pid} ${start}\n`, now(), false);
      try {
        await publish(tmp, layout.relayLock, layout.relay);
        return;
      } catch (error) {
        if (!hasErrno(error, 'EEXIST')) throw error;
      } finally {
        await removeQuietly(tmp);
      }
      let holder: { pid: number; start: string } | undefined;
      try {
        const [p, s] = fs.readFileSync(layout.relayLock, 'utf8').trim().split(' ');
        holder = { pid: Number(p), start: s ?? '' };
      } catch (error) {
        if (!hasErrno(error, 'ENOENT')) throw error;
        continue;
      }
      if (Number.isInteger(holder.pid) && holder.pid > 0 && isProcessAlive(holder.pid, holder.start)) {
        throw new IntercomError(
          'CONFLICT',
          `a relay already runs for the store ${layout.root} (pid ${holder.pid}); one relay per store. Stop it first (kill ${holder.pid}), or give this one another store (CLAUDE_INTERCOM_DIR)`,
        );
      }
      await removeIfPresent(layout.relayLock); // its process is gone: stale
    }
    throw new IntercomError('CONFLICT', `could not take the relay lock ${layout.relayLock}; remove it if no relay runs`);
  }

  async function unlockRelay(pid: number): Promise<void> {
    try {
      if (nodeFs().readFileSync(layout.relayLock, 'utf8').startsWith(`${pid} `)) await removeIfPresent(layout.relayLock);
    } catch (error) {
      if (!hasErrno(error, 'ENOENT')) throw error;
    }
  }

  /** The relay record as the last relay left it, live or not (its instance tells its beats). */
  async function lastRelayState(): Promise<RelayStateRecord | undefined> {
    return read('relayState', layout.relayState);
  }

  /** Whether relay/lock still names `pid` (a store deleted or moved under a running relay does not). */
  function holdsRelayLock(pid: number): boolean {
    try {
      return nodeFs().readFileSync(layout.relayLock, 'utf8').startsWith(`${pid} `);
    } catch (error) {
      if (hasErrno(error, 'ENOENT', 'ENOTDIR')) return false;
      throw error;
    }
  }

  async function writeRelayState(state: RelayStateRecord): Promise<void> {
    await replaceFile(layout, layout.relayState, layout.relay, json(state), now(), false);
  }

  // The outbox: one folder per machine, one file per message (a hard link of the message).

  /** Machines with an outbox folder. */
  async function outboxMachines(): Promise<string[]> {
    return (await listNames(layout.outbox, '')).filter((n) => MACHINE_PATTERN.test(n));
  }

  /** Ids waiting for `machine`, oldest first (staged copies of sends in progress are not listed). */
  async function outboxIds(machine: string): Promise<string[]> {
    return (await listNames(layout.outboxDir(machine))).map((n) => n.slice(0, -'.json'.length)).filter((id) => MESSAGE_ID_PATTERN.test(id));
  }

  async function outboxMessage(machine: string, id: string) {
    return read('message', layout.outboxFile(machine, id));
  }

  /** The relay published it (JetStream acknowledged): it leaves the outbox. */
  async function dequeue(machine: string, id: string): Promise<void> {
    await removeIfPresent(layout.outboxFile(machine, id));
  }

  function isQueued(machine: string, id: string): boolean {
    return nodeFs().existsSync(layout.outboxFile(machine, assertMessageId(id)));
  }

  // The mirror of other machines.

  async function machines(): Promise<RemoteMachineRecord[]> {
    const names = await listRecordNames(layout, layout.remoteMachines, (s) => MACHINE_PATTERN.test(s), 'machine name', ctx.report, now());
    const out: RemoteMachineRecord[] = [];
    for (const name of names) {
      const record = await read('remoteMachine', `${layout.remoteMachines}/${name}`);
      if (record) out.push(record);
    }
    return out;
  }

  async function writeMachine(record: RemoteMachineRecord): Promise<void> {
    await replaceFile(layout, layout.remoteMachineFile(record.machine), layout.remoteMachines, json(record), now(), false);
  }

  async function agentsOf(machine: string): Promise<RemoteAgentRecord[]> {
    const dir = layout.remoteAgentsDir(machine);
    const out: RemoteAgentRecord[] = [];
    for (const name of await listRecordNames(layout, dir, isCode, 'agent code', ctx.report, now())) {
      const record = await read('remoteAgent', `${dir}/${name}`);
      if (record && record.machine === machine) out.push(record);
    }
    return out;
  }

  async function writeAgent(record: RemoteAgentRecord): Promise<void> {
    await replaceFile(
      layout,
      layout.remoteAgentFile(record.machine, record.code),
      layout.remoteAgentsDir(record.machine),
      json(record),
      now(),
      false,
    );
  }

  async function removeAgent(machine: string, code: string): Promise<void> {
    await removeIfPresent(layout.remoteAgentFile(machine, code));
  }

  /** A machine gone for good: its record and its agents leave the mirror. */
  async function forgetMachine(machine: string): Promise<void> {
    for (const agent of await agentsOf(machine)) await removeAgent(machine, agent.code);
    nodeFs().rmSync(layout.remoteAgentsDir(machine), { recursive: true, force: true });
    await removeIfPresent(layout.remoteMachineFile(machine));
  }

  /** The mesh now: the relay if it lives, machines, and the agents of machines that are up. */
  async function view(): Promise<MeshView> {
    const running = await relay();
    const byName = new Map<string, RemoteMachineRecord>();
    const agents: RemoteAgentRecord[] = [];
    const unreachable: RemoteAgentRecord[] = [];
    for (const record of await machines()) {
      if (running && record.machine === running.machine) continue; // this machine itself
      const seen = running ? record : { ...record, state: 'gone' as const };
      byName.set(record.machine, seen);
      (seen.state === 'up' ? agents : unreachable).push(...(await agentsOf(record.machine)));
    }
    return { relay: running, machines: byName, agents, unreachable };
  }

  // Claims of every machine, by project key hash.

  async function claimsOf(key: string): Promise<RemoteClaimsRecord | undefined> {
    return read('remoteClaims', layout.remoteClaimsFile(key));
  }

  async function allClaims(): Promise<RemoteClaimsRecord[]> {
    const out: RemoteClaimsRecord[] = [];
    for (const name of await listNames(layout.remoteClaims)) {
      const key = name.slice(0, -'.json'.length);
      if (!/^p[0-9a-f]{24}$/.test(key)) continue;
      const record = await claimsOf(key);
      if (record) out.push(record);
    }
    return out;
  }

  async function writeClaims(key: string, record: RemoteClaimsRecord): Promise<void> {
    await replaceFile(layout, layout.remoteClaimsFile(key), layout.remoteClaims, json(record), now(), false);
  }

  async function removeClaims(key: string): Promise<void> {
    await removeIfPresent(layout.remoteClaimsFile(key));
  }

  async function refusal(owner: string): Promise<ClaimRefusalRecord | undefined> {
    return read('claimRefusal', layout.refusedFile(owner));
  }

  async function writeRefusal(record: ClaimRefusalRecord): Promise<void> {
    await replaceFile(layout, layout.refusedFile(record.owner), `${layout.remote}/refused`, json(record), now());
  }

  // Receipts of copies on other machines, and what this machine owes others.

  /** Receipts this process wrote, by "id recipient": their state. */
  const written = new Map<string, RemoteReceiptRecord['state']>();

  async function receipt(id: string, recipient: string): Promise<RemoteReceiptRecord | undefined> {
    return read('remoteReceipt', layout.remoteReceiptFile(id, recipient));
  }

  /**
   * Keeps the most advanced state: receipts can arrive out of order (redelivery). Not synced:
   * after a power cut an older state may show, which was true (a crash of the process loses nothing).
   */
  async function writeReceipt(record: RemoteReceiptRecord): Promise<boolean> {
    // The relay is the only writer of receipts: what it wrote last is remembered, not read back.
    const key = `${record.id} ${record.to}`;
    const known = written.get(key) ?? (await receipt(record.id, record.to))?.state;
    if (known && RECEIPT_ORDER[known] >= RECEIPT_ORDER[record.state]) return false;
    if (written.size > 50_000) written.clear();
    written.set(key, record.state);
    await replaceFile(layout, layout.remoteReceiptFile(record.id, record.to), layout.remoteReceipts, json(record), now(), false);
    return true;
  }

  // What this machine owes other machines' senders: a journal (one JSON line per change, the
  // relay its only writer), not a file per message: appending a line costs no file creation or
  // rename in a folder that every sender of the store writes too. A later line for an id wins;
  // `{"id":…,"gone":true}` ends it. Read (and rewritten with only what is open) at the relay's start.
  let journal: number | undefined;

  function appendInbound(line: unknown): void {
    const fs = nodeFs();
    if (journal === undefined) {
      fs.mkdirSync(layout.remote, { recursive: true, mode: 0o700 });
      journal = fs.openSync(
        layout.inboundJournal,
        fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW,
        0o600,
      );
    }
    fs.writeSync(journal, `${JSON.stringify(line)}\n`);
  }

  /**
   * The messages receipts are still owed for; rewrites the journal to hold just them. `skipped`:
   * lines that were not valid (a line cut short by a crash of the relay: what it said is lost).
   */
  async function inbound(): Promise<{ records: InboundRecord[]; skipped: number }> {
    const text = await readStoreText(layout, layout.inboundJournal, ctx.report, now());
    const open = new Map<string, InboundRecord>();
    let lines = 0;
    let bad = 0;
    for (const line of (text ?? '').split('\n')) {
      if (!line) continue;
      lines++;
      let value: { id?: unknown; gone?: unknown };
      try {
        value = JSON.parse(line);
      } catch {
        bad++;
        continue;
      }
      if (value.gone === true && typeof value.id === 'string') {
        open.delete(value.id);
        continue;
      }
      const parsed = await parseRecord('inbound', line);
      if (parsed.ok) open.set(parsed.value.id, parsed.value);
      else bad++;
    }
    if (lines > open.size) {
      await replaceFile(
        layout,
        layout.inboundJournal,
        layout.remote,
        [...open.values()].map((r) => `${JSON.stringify(r)}\n`).join(''),
        now(),
        false,
      );
      if (journal !== undefined) nodeFs().closeSync(journal);
      journal = undefined;
    }
    return { records: [...open.values()], skipped: bad };
  }

  /**
   * Not synced: the message itself is (store/import.ts); this only says which receipts are owed.
   * Losing a line to a power cut (a crash of the process loses nothing) leaves the sender with an
   * older state of its receipt, which was true: never a false one.
   */
  async function writeInbound(record: InboundRecord): Promise<void> {
    appendInbound(record);
  }

  async function removeInbound(id: string): Promise<void> {
    appendInbound({ id, gone: true });
  }

  // The feed: messages between other machines, without their text.

  /** Written once per id (a redelivery finds it there). Not synced: it is a view, not mail. */
  async function writeFeedEntry(entry: FeedEntry): Promise<void> {
    if (nodeFs().existsSync(layout.feedFile(entry.id))) return;
    await replaceFile(layout, layout.feedFile(entry.id), layout.feed, json(entry), now(), false);
  }

  /**
   * Drop feed entries sent before `beforeMs` (epoch ms; ids start with their time), and the oldest
   * beyond `keep` (what other machines publish must not fill this disk). Returns how many went.
   */
  async function pruneFeed(beforeMs: number, keep = Number.POSITIVE_INFINITY): Promise<number> {
    const names = await listNames(layout.feed);
    let n = 0;
    for (const [i, name] of names.entries()) {
      if (Number(name.slice(0, 13)) >= beforeMs && names.length - i <= keep) break; // sorted: the rest is newer
      if (MESSAGE_ID_PATTERN.test(name.slice(0, -'.json'.length)) && (await removeIfPresent(`${layout.feed}/${name}`))) n++;
    }
    return n;
  }

  /** Where the relay's feed left off: the last local message it published, and the last stream sequence it read. */
  async function feedCursor(): Promise<{ sent?: string; read?: number }> {
    try {
      const value = JSON.parse(nodeFs().readFileSync(`${layout.relay}/feed-cursor.json`, 'utf8')) as { sent?: unknown; read?: unknown };
      return {
        ...(typeof value.sent === 'string' && MESSAGE_ID_PATTERN.test(value.sent) ? { sent: value.sent } : {}),
        ...(typeof value.read === 'number' && Number.isSafeInteger(value.read) ? { read: value.read } : {}),
      };
    } catch (error) {
      if (hasErrno(error, 'ENOENT') || error instanceof SyntaxError) return {};
      throw error;
    }
  }

  async function setFeedCursor(cursor: { sent?: string; read?: number }): Promise<void> {
    await replaceFile(layout, `${layout.relay}/feed-cursor.json`, layout.relay, json(cursor), now(), false);
  }

  return {
    relay,
    lockRelay,
    unlockRelay,
    lastRelayState,
    holdsRelayLock,
    writeRelayState,
    outboxMachines,
    outboxIds,
    outboxMessage,
    dequeue,
    isQueued,
    machines,
    writeMachine,
    agentsOf,
    writeAgent,
    removeAgent,
    forgetMachine,
    view,
    claimsOf,
    allClaims,
    writeClaims,
    removeClaims,
    refusal,
    writeRefusal,
    receipt,
    writeReceipt,
    inbound,
    writeInbound,
    removeInbound,
    writeFeedEntry,
    pruneFeed,
    feedCursor,
    setFeedCursor,
  };
}

/** How far a copy has come: a receipt never goes back. */
export const RECEIPT_ORDER: Record<RemoteReceiptRecord['state'], number> = {
  undelivered: 0,
  new: 1,
  delivered: 2,
  seen: 3,
  acked: 4,
  replied: 5,
};

export type Mesh = ReturnType<typeof createMesh>;
