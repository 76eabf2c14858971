// @bun
import {
  IntercomError,
  hasErrno,
  MACHINE_PATTERN,
  MESSAGE_ID_PATTERN,
  assertMessageId,
  isCode
} from "./app-jcmt5trc.js";
import {
  nodeFs,
  isProcessAlive2
} from "./app-fgrk1ekz.js";
import {
  writeTmp,
  publish,
  replaceFile,
  listNames,
  removeIfPresent,
  removeQuietly
} from "./app-shp9afcm.js";
import {
  parseRecord,
  listRecordNames,
  readRecord,
  readStoreText
} from "./app-2xbmcvkx.js";

// src/store/mesh.ts
var json = (record) => `${JSON.stringify(record)}
`;
function createMesh(ctx) {
  const { layout } = ctx;
  const now = () => ctx.clock.now();
  const read = (kind, path) => readRecord(layout, kind, path, ctx.report, now());
  async function relay() {
    const state = await read("relayState", layout.relayState);
    return state && isProcessAlive2(state.pid, state.pid_start) ? state : undefined;
  }
  async function lockRelay(pid, start) {
    const fs = nodeFs();
    for (let attempt = 0;attempt < 3; attempt++) {
      const tmp = await writeTmp(layout, `${pid} ${start}
`, now(), false);
      try {
        await publish(tmp, layout.relayLock, layout.relay);
        return;
      } catch (error) {
        if (!hasErrno(error, "EEXIST"))
          throw error;
      } finally {
        await removeQuietly(tmp);
      }
      let holder;
      try {
        const [p, s] = fs.readFileSync(layout.relayLock, "utf8").trim().split(" ");
        holder = { pid: Number(p), start: s ?? "" };
      } catch (error) {
        if (!hasErrno(error, "ENOENT"))
          throw error;
        continue;
      }
      if (Number.isInteger(holder.pid) && holder.pid > 0 && isProcessAlive2(holder.pid, holder.start)) {
        throw new IntercomError("CONFLICT", `a relay already runs for the store ${layout.root} (pid ${holder.pid}); one relay per store. Stop it first (kill ${holder.pid}), or give this one another store (CLAUDE_INTERCOM_DIR)`);
      }
      await removeIfPresent(layout.relayLock);
    }
    throw new IntercomError("CONFLICT", `could not take the relay lock ${layout.relayLock}; remove it if no relay runs`);
  }
  async function unlockRelay(pid) {
    try {
      if (nodeFs().readFileSync(layout.relayLock, "utf8").startsWith(`${pid} `))
        await removeIfPresent(layout.relayLock);
    } catch (error) {
      if (!hasErrno(error, "ENOENT"))
        throw error;
    }
  }
  async function lastRelayState() {
    return read("relayState", layout.relayState);
  }
  function holdsRelayLock(pid) {
    try {
      return nodeFs().readFileSync(layout.relayLock, "utf8").startsWith(`${pid} `);
    } catch (error) {
      if (hasErrno(error, "ENOENT", "ENOTDIR"))
        return false;
      throw error;
    }
  }
  async function writeRelayState(state) {
    await replaceFile(layout, layout.relayState, layout.relay, json(state), now(), false);
  }
  async function outboxMachines() {
    return (await listNames(layout.outbox, "")).filter((n) => MACHINE_PATTERN.test(n));
  }
  async function outboxIds(machine) {
    return (await listNames(layout.outboxDir(machine))).map((n) => n.slice(0, -".json".length)).filter((id) => MESSAGE_ID_PATTERN.test(id));
  }
  async function outboxMessage(machine, id) {
    return read("message", layout.outboxFile(machine, id));
  }
  async function dequeue(machine, id) {
    await removeIfPresent(layout.outboxFile(machine, id));
  }
  function isQueued(machine, id) {
    return nodeFs().existsSync(layout.outboxFile(machine, assertMessageId(id)));
  }
  async function machines() {
    const names = await listRecordNames(layout, layout.remoteMachines, (s) => MACHINE_PATTERN.test(s), "machine name", ctx.report, now());
    const out = [];
    for (const name of names) {
      const record = await read("remoteMachine", `${layout.remoteMachines}/${name}`);
      if (record)
        out.push(record);
    }
    return out;
  }
  async function writeMachine(record) {
    await replaceFile(layout, layout.remoteMachineFile(record.machine), layout.remoteMachines, json(record), now(), false);
  }
  async function agentsOf(machine) {
    const dir = layout.remoteAgentsDir(machine);
    const out = [];
    for (const name of await listRecordNames(layout, dir, isCode, "agent code", ctx.report, now())) {
      const record = await read("remoteAgent", `${dir}/${name}`);
      if (record && record.machine === machine)
        out.push(record);
    }
    return out;
  }
  async function writeAgent(record) {
    await replaceFile(layout, layout.remoteAgentFile(record.machine, record.code), layout.remoteAgentsDir(record.machine), json(record), now(), false);
  }
  async function removeAgent(machine, code) {
    await removeIfPresent(layout.remoteAgentFile(machine, code));
  }
  async function forgetMachine(machine) {
    for (const agent of await agentsOf(machine))
      await removeAgent(machine, agent.code);
    nodeFs().rmSync(layout.remoteAgentsDir(machine), { recursive: true, force: true });
    await removeIfPresent(layout.remoteMachineFile(machine));
  }
  async function view() {
    const running = await relay();
    const byName = new Map;
    const agents = [];
    const unreachable = [];
    for (const record of await machines()) {
      if (running && record.machine === running.machine)
        continue;
      const seen = running ? record : { ...record, state: "gone" };
      byName.set(record.machine, seen);
      (seen.state === "up" ? agents : unreachable).push(...await agentsOf(record.machine));
    }
    return { relay: running, machines: byName, agents, unreachable };
  }
  async function claimsOf(key) {
    return read("remoteClaims", layout.remoteClaimsFile(key));
  }
  async function allClaims() {
    const out = [];
    for (const name of await listNames(layout.remoteClaims)) {
      const key = name.slice(0, -".json".length);
      if (!/^p[0-9a-f]{24}$/.test(key))
        continue;
      const record = await claimsOf(key);
      if (record)
        out.push(record);
    }
    return out;
  }
  async function writeClaims(key, record) {
    await replaceFile(layout, layout.remoteClaimsFile(key), layout.remoteClaims, json(record), now(), false);
  }
  async function removeClaims(key) {
    await removeIfPresent(layout.remoteClaimsFile(key));
  }
  async function refusal(owner) {
    return read("claimRefusal", layout.refusedFile(owner));
  }
  async function writeRefusal(record) {
    await replaceFile(layout, layout.refusedFile(record.owner), `${layout.remote}/refused`, json(record), now());
  }
  const written = new Map;
  async function receipt(id, recipient) {
    return read("remoteReceipt", layout.remoteReceiptFile(id, recipient));
  }
  async function writeReceipt(record) {
    const key = `${record.id} ${record.to}`;
    const known = written.get(key) ?? (await receipt(record.id, record.to))?.state;
    if (known && RECEIPT_ORDER[known] >= RECEIPT_ORDER[record.state])
      return false;
    if (written.size > 50000)
      written.clear();
    written.set(key, record.state);
    await replaceFile(layout, layout.remoteReceiptFile(record.id, record.to), layout.remoteReceipts, json(record), now(), false);
    return true;
  }
  let journal;
  function appendInbound(line) {
    const fs = nodeFs();
    if (journal === undefined) {
      fs.mkdirSync(layout.remote, { recursive: true, mode: 448 });
      journal = fs.openSync(layout.inboundJournal, fs.constants.O_WRONLY | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW, 384);
    }
    fs.writeSync(journal, `${JSON.stringify(line)}
`);
  }
  async function inbound() {
    const text = await readStoreText(layout, layout.inboundJournal, ctx.report, now());
    const open = new Map;
    let lines = 0;
    let bad = 0;
    for (const line of (text ?? "").split(`
`)) {
      if (!line)
        continue;
      lines++;
      let value;
      try {
        value = JSON.parse(line);
      } catch {
        bad++;
        continue;
      }
      if (value.gone === true && typeof value.id === "string") {
        open.delete(value.id);
        continue;
      }
      const parsed = await parseRecord("inbound", line);
      if (parsed.ok)
        open.set(parsed.value.id, parsed.value);
      else
        bad++;
    }
    if (lines > open.size) {
      await replaceFile(layout, layout.inboundJournal, layout.remote, [...open.values()].map((r) => `${JSON.stringify(r)}
`).join(""), now(), false);
      if (journal !== undefined)
        nodeFs().closeSync(journal);
      journal = undefined;
    }
    return { records: [...open.values()], skipped: bad };
  }
  async function writeInbound(record) {
    appendInbound(record);
  }
  async function removeInbound(id) {
    appendInbound({ id, gone: true });
  }
  async function writeFeedEntry(entry) {
    if (nodeFs().existsSync(layout.feedFile(entry.id)))
      return;
    await replaceFile(layout, layout.feedFile(entry.id), layout.feed, json(entry), now(), false);
  }
  async function pruneFeed(beforeMs, keep = Number.POSITIVE_INFINITY) {
    const names = await listNames(layout.feed);
    let n = 0;
    for (const [i, name] of names.entries()) {
      if (Number(name.slice(0, 13)) >= beforeMs && names.length - i <= keep)
        break;
      if (MESSAGE_ID_PATTERN.test(name.slice(0, -".json".length)) && await removeIfPresent(`${layout.feed}/${name}`))
        n++;
    }
    return n;
  }
  async function feedCursor() {
    try {
      const value = JSON.parse(nodeFs().readFileSync(`${layout.relay}/feed-cursor.json`, "utf8"));
      return {
        ...typeof value.sent === "string" && MESSAGE_ID_PATTERN.test(value.sent) ? { sent: value.sent } : {},
        ...typeof value.read === "number" && Number.isSafeInteger(value.read) ? { read: value.read } : {}
      };
    } catch (error) {
      if (hasErrno(error, "ENOENT") || error instanceof SyntaxError)
        return {};
      throw error;
    }
  }
  async function setFeedCursor(cursor) {
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
    setFeedCursor
  };
}
var RECEIPT_ORDER = {
  undelivered: 0,
  new: 1,
  delivered: 2,
  seen: 3,
  acked: 4,
  replied: 5
};

export { createMesh, RECEIPT_ORDER };
