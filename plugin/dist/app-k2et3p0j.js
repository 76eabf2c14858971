// @bun
import {
  nodeFs,
  isProcessAlive2
} from "./app-jfdnnj6k.js";
import {
  joinPath,
  NEXT,
  IntercomError,
  hasErrno,
  describeError,
  MAILBOX_PATTERN,
  MACHINE_PATTERN,
  messageIdGenerator,
  splitRemote,
  assertRecipient,
  assertMessageId
} from "./app-sg4s6xy6.js";
import {
  writeTmp,
  publish,
  moveIfPresent,
  readStoreFile,
  listNames,
  removeIfPresent,
  removeQuietly,
  INBOX_STATES,
  HISTORY_STATES,
  MESSAGE_STATES
} from "./app-p8z4rjgm.js";
import {
  parseRecord,
  quarantine,
  listMessageNames,
  readRecord,
  checkStoreFolder,
  readStoreText,
  idTime,
  isFutureStamp
} from "./app-vne21amf.js";

// src/store/send-commit.ts
var STAGED_SUFFIX = ".sending";
var STAGED_NAME = /^(\d{13}-[a-z0-9]{10})\.(\d+)\.sending$/;
var STAGED_MAX_AGE_MS = 60 * 60 * 1000;
function dropsOf(layout, message) {
  const drops = [];
  const machines = new Set;
  for (const to of message.to) {
    const remote = splitRemote(to);
    if (!remote) {
      drops.push({ label: to, dir: layout.messageDir(to, "new"), final: layout.messageFile(to, "new", message.id) });
    } else if (!machines.has(remote.machine)) {
      machines.add(remote.machine);
      drops.push({
        label: `the outbox for ${remote.machine}`,
        dir: layout.outboxDir(remote.machine),
        final: layout.outboxFile(remote.machine, message.id)
      });
    }
  }
  return drops;
}
var stagedIn = (dir, id, pid) => joinPath(dir, `${assertMessageId(id)}.${pid}${STAGED_SUFFIX}`);
function failedDir(layout, box) {
  return joinPath(layout.mailbox(box), "failed");
}
function failedFile(layout, box, id) {
  return joinPath(failedDir(layout, box), `${assertMessageId(id)}.json`);
}
async function isStaged(layout, recipient, id) {
  const remote = splitRemote(recipient);
  const dir = remote ? layout.outboxDir(remote.machine) : layout.messageDir(recipient, "new");
  return (await listNames(dir, STAGED_SUFFIX)).some((name) => name.startsWith(`${id}.`));
}
async function commitSend(ctx, tmp, message) {
  const { layout } = ctx;
  const { id } = message;
  const from = message.from.code;
  const staged = [];
  for (const drop of dropsOf(layout, message)) {
    const path = stagedIn(drop.dir, id, process.pid);
    try {
      await publish(tmp, path, drop.dir);
    } catch (error) {
      throw await withdraw(ctx, tmp, message, staged, `its copy for ${drop.label} could not be written into ${drop.dir} (${describeError(error)})`, error);
    }
    staged.push({ ...drop, path });
  }
  try {
    await publish(tmp, layout.sentFile(from, id), layout.sentDir(from));
  } catch (error) {
    throw await withdraw(ctx, tmp, message, staged, `it could not be recorded in ${layout.sentDir(from)} (${describeError(error)})`, error);
  }
  try {
    await publish(tmp, layout.logFile(id), layout.log);
  } catch (error) {
    const undone = await undo(layout.sentFile(from, id));
    throw await withdraw(ctx, tmp, message, staged, `it could not be written to the log ${layout.log} (${describeError(error)})${undone}`, error);
  }
  await handOver(ctx, message, staged);
}
async function handOver(_ctx, message, staged) {
  const stuck = [];
  for (const { label, path, final } of staged) {
    try {
      placeStaged(path, final);
    } catch (error) {
      stuck.push(`${label} (${describeError(error)})`);
    }
  }
  if (stuck.length) {
    throw new IntercomError("IO", `message ${message.id} was sent, but could not be put into the inbox of ${stuck.join("; ")}. ` + `It is kept aside and handed over by the next store sweep (at any MCP server start); do not send it again.`, { next: { op: "status", id: message.id, why: "to follow it" } });
  }
}
function placeStaged(path, final) {
  try {
    nodeFs().renameSync(path, final);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return false;
    throw error;
  }
}
async function undo(path) {
  try {
    await removeIfPresent(path);
    return "";
  } catch (error) {
    return `; could not remove ${path} (${describeError(error)}), the next store sweep does`;
  }
}
async function withdraw(ctx, tmp, message, staged, reason, cause) {
  let notes = "";
  for (const { path } of staged)
    notes += await undo(path);
  try {
    await publish(tmp, failedFile(ctx.layout, message.from.code, message.id), failedDir(ctx.layout, message.from.code));
  } catch (error) {
    notes += `; the failed attempt could not be recorded for status (${describeError(error)})`;
  }
  return new IntercomError("IO", `message ${message.id} was NOT sent, to anyone: ${reason}${notes}. ` + "Fix that (check the folder exists, is writable and the disk is not full), then send it again: " + `the failed attempt does not count as sent, and its receipts report it as never delivered.`, { cause, next: { op: "doctor", why: "to check the store" } });
}
async function recoverSends(ctx) {
  const { layout } = ctx;
  const folders = [
    ...(await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n)).map((box) => layout.messageDir(box, "new")),
    ...(await listNames(layout.outbox, "")).filter((n) => MACHINE_PATTERN.test(n)).map((machine) => layout.outboxDir(machine))
  ];
  let done = 0;
  for (const dir of folders) {
    for (const name of await listNames(dir, STAGED_SUFFIX)) {
      const staged = STAGED_NAME.exec(name);
      if (!staged || writerMayBeSending(Number(staged[2]), idTime(staged[1]), ctx.clock.now()))
        continue;
      if (await recoverOne(ctx, staged[1], joinPath(dir, name), joinPath(dir, `${staged[1]}.json`)))
        done++;
    }
  }
  return done;
}
function writerMayBeSending(pid, stamp, now) {
  if (!isFutureStamp(stamp, now) && now - stamp >= STAGED_MAX_AGE_MS)
    return false;
  return pid === process.pid || isProcessAlive2(pid);
}
async function recoverOne(ctx, id, path, final) {
  const { layout } = ctx;
  const message = await readRecord(layout, "message", path, ctx.report, ctx.clock.now());
  if (!message || message.id !== id)
    return false;
  const from = message.from.code;
  if (nodeFs().existsSync(layout.sentFile(from, message.id))) {
    await linkUnlessThere(path, layout.logFile(message.id), layout.log);
    return placeStaged(path, final);
  }
  await linkUnlessThere(path, failedFile(layout, from, message.id), failedDir(layout, from));
  return removeIfPresent(path);
}
async function linkUnlessThere(src, dest, destDir) {
  try {
    await publish(src, dest, destDir);
  } catch (error) {
    if (!hasErrno(error, "EEXIST"))
      throw error;
  }
}
async function findFailed(ctx, id, sender) {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, "message", failedFile(layout, box, id), ctx.report, ctx.clock.now());
    if (message)
      return message;
  }
  return;
}
async function findUnlogged(ctx, id, sender) {
  const { layout } = ctx;
  const boxes = sender !== undefined ? [sender] : (await listNames(layout.mail, "")).filter((n) => MAILBOX_PATTERN.test(n));
  for (const box of boxes) {
    const message = await readRecord(layout, "message", layout.sentFile(box, id), ctx.report, ctx.clock.now());
    if (message)
      return message;
  }
  return;
}
async function lastFailed(ctx, box, limit) {
  const dir = failedDir(ctx.layout, box);
  const out = [];
  for (const name of (await listNames(dir)).reverse().slice(0, limit)) {
    const message = await readRecord(ctx.layout, "message", joinPath(dir, name), ctx.report, ctx.clock.now());
    if (message)
      out.push(message);
  }
  return out;
}

// src/store/mail.ts
var CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
function validateBody(body, maxBytes) {
  if (typeof body !== "string" || body.trim() === "") {
    throw new IntercomError("BAD_INPUT", "the message body is empty; write what you want to tell the other agent");
  }
  const bytes = Buffer.byteLength(body, "utf8");
  if (bytes > maxBytes) {
    throw new IntercomError("BAD_INPUT", `the message body is ${bytes} bytes, over the ${maxBytes}-byte limit; shorten it, or write the content to a file and send its path`);
  }
  const bad = CONTROL_CHARS.exec(body);
  if (bad) {
    const hex = bad[0].charCodeAt(0).toString(16).padStart(4, "0").toUpperCase();
    throw new IntercomError("BAD_INPUT", `the message body contains control character U+${hex} at position ${bad.index}; remove it (newlines and tabs are fine)`);
  }
  return body;
}
function createMail(ctx) {
  const { layout } = ctx;
  const messageNames = (dir) => listMessageNames(layout, dir, ctx.report, ctx.clock.now());
  const nextId = messageIdGenerator(ctx.clock);
  async function send(input) {
    const body = validateBody(input.body, ctx.maxBodyBytes);
    const to = [...new Set(input.to.map(assertRecipient))];
    if (to.length === 0)
      throw new IntercomError("BAD_INPUT", "no recipients", { next: { op: "who", why: "to list live agents" } });
    const id = nextId();
    const message = {
      v: 1,
      id,
      from: input.from,
      to,
      scope: input.scope,
      ...input.project ? { project: input.project } : {},
      thread: input.thread !== undefined ? assertMessageId(input.thread) : id,
      ...input.replyTo !== undefined ? { reply_to: assertMessageId(input.replyTo) } : {},
      ...input.expectsReply ? { expects_reply: true } : {},
      created_at: new Date(ctx.clock.now()).toISOString(),
      body
    };
    const tmp = await writeTmp(layout, `${JSON.stringify(message)}
`, ctx.clock.now());
    try {
      await commitSend(ctx, tmp, message);
    } finally {
      await removeQuietly(tmp);
    }
    return message;
  }
  async function readAt(box, state, id) {
    return readRecord(layout, "message", layout.messageFile(box, state, id), ctx.report, ctx.clock.now());
  }
  async function list(box, states = INBOX_STATES) {
    const found = [];
    for (const entry of await entries(box, states)) {
      const stored = await load(box, entry);
      if (stored)
        found.push(stored);
    }
    return found;
  }
  async function entries(box, states = INBOX_STATES) {
    const found = [];
    if (!await checkStoreFolder(layout, layout.mailbox(box), ctx.report, ctx.clock.now()))
      return found;
    for (const state of states) {
      const dir = layout.messageDir(box, state);
      if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
        continue;
      for (const name of await messageNames(dir))
        found.push({ id: name.slice(0, -".json".length), state });
    }
    return found.sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }
  async function load(box, entry) {
    const path = layout.messageFile(box, entry.state, entry.id);
    const text = await readStoreText(layout, path, ctx.report, ctx.clock.now());
    if (text === undefined)
      return;
    const parsed = await parseRecord("message", text);
    if (!parsed.ok || parsed.value.id !== entry.id) {
      const reason = parsed.ok ? `file name ${entry.id}.json does not match message id ${parsed.value.id}` : parsed.reason;
      const problem = await quarantine(layout, path, reason, ctx.clock.now());
      if (problem)
        ctx.report(problem);
      return;
    }
    return { message: parsed.value, state: entry.state };
  }
  async function countNew(box) {
    return (await listNames(layout.messageDir(box, "new"))).length;
  }
  async function find(box, id) {
    assertMessageId(id);
    for (const state of MESSAGE_STATES) {
      const message = await readAt(box, state, id);
      if (message)
        return { message, state };
    }
    return;
  }
  async function move(box, id, from, to) {
    for (const state of from) {
      if (state === to)
        continue;
      if (await moveIfPresent(layout.messageFile(box, state, id), layout.messageFile(box, to, id), layout.messageDir(box, to))) {
        return state;
      }
    }
    return;
  }
  async function markDelivered(box, ids) {
    const moved = [];
    for (const id of ids)
      if (await move(box, id, ["new"], "delivered"))
        moved.push(id);
    return moved;
  }
  async function markSeen(box, ids) {
    const moved = [];
    for (const id of ids)
      if (await move(box, id, ["new", "delivered"], "seen"))
        moved.push(id);
    return moved;
  }
  async function ack(box, ids, as = "acked") {
    const missing = [];
    const done = [];
    for (const id of ids.map(assertMessageId)) {
      if (await move(box, id, INBOX_STATES, as))
        done.push(id);
      else if (await isIn(box, id, HISTORY_STATES))
        done.push(id);
      else
        missing.push(id);
    }
    if (missing.length) {
      throw new IntercomError("NOT_FOUND", `no message ${missing.join(", ")} in your inbox`, { next: NEXT.listMessageIds });
    }
    return done;
  }
  async function isIn(box, id, states) {
    for (const state of states) {
      if (readStoreFile(layout.messageFile(box, state, id)).kind === "text")
        return true;
    }
    return false;
  }
  async function adopt(from, to) {
    let moved = 0;
    for (const state of INBOX_STATES) {
      for (const name of await messageNames(layout.messageDir(from, state))) {
        const id = name.slice(0, -".json".length);
        if (await moveIfPresent(layout.messageFile(from, state, id), layout.messageFile(to, state, id), layout.messageDir(to, state)))
          moved++;
      }
    }
    return moved;
  }
  async function sentSince(box, sinceMs) {
    const dir = layout.sentDir(box);
    const out = [];
    if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
      return out;
    for (const name of (await messageNames(dir)).filter((n) => Number(n.slice(0, 13)) >= sinceMs)) {
      const message = await readRecord(layout, "message", `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message)
        out.push(message);
    }
    return out;
  }
  async function lastSent(box, limit) {
    const dir = layout.sentDir(box);
    const out = [];
    if (!await checkStoreFolder(layout, dir, ctx.report, ctx.clock.now()))
      return out;
    for (const name of (await messageNames(dir)).reverse()) {
      const message = await readRecord(layout, "message", `${dir}/${name}`, ctx.report, ctx.clock.now());
      if (message)
        out.push(message);
      if (out.length >= limit)
        break;
    }
    return out;
  }
  async function fromLog(id) {
    return readRecord(layout, "message", layout.logFile(assertMessageId(id)), ctx.report, ctx.clock.now());
  }
  function hasMailbox(box) {
    return nodeFs().existsSync(layout.mailbox(box));
  }
  function stateOf(box, id) {
    for (const state of MESSAGE_STATES)
      if (nodeFs().existsSync(layout.messageFile(box, state, id)))
        return state;
    return;
  }
  return {
    send,
    list,
    entries,
    load,
    countNew,
    find,
    move,
    markDelivered,
    markSeen,
    ack,
    adopt,
    sentSince,
    lastSent,
    fromLog,
    hasMailbox,
    stateOf
  };
}

export { failedDir, isStaged, recoverSends, findFailed, findUnlogged, lastFailed, validateBody, createMail };
