// @bun
import {
  joinPath,
  normalizePath,
  baseName,
  dirName,
  IntercomError,
  hasErrno,
  randomToken,
  assertCode,
  assertMailbox,
  assertMachine,
  assertRecipient,
  assertMessageId,
  assertSessionId
} from "./app-jcmt5trc.js";
import {
  nodeFs
} from "./app-fgrk1ekz.js";

// src/store/files.ts
var FILE_MODE = 384;
var DIR_MODE = 448;
function tmpName(pid, now) {
  return `${pid}.${now}.${randomToken(8)}.tmp`;
}
function parseTmpName(name) {
  const m = /^(\d+)\.(\d+)\.[a-z0-9]+\.tmp$/.exec(name);
  return m ? { pid: Number(m[1]), at: Number(m[2]) } : undefined;
}
async function ensureDir(dir) {
  nodeFs().mkdirSync(dir, { recursive: true, mode: DIR_MODE });
}
function inFolder(dir, step) {
  try {
    return step();
  } catch (error) {
    if (!hasErrno(error, "ENOENT"))
      throw error;
    nodeFs().mkdirSync(dir, { recursive: true, mode: DIR_MODE });
    return step();
  }
}
function openNew(path, dir) {
  return inFolder(dir, () => nodeFs().openSync(path, "wx", FILE_MODE));
}
async function writeTmp(layout, content, now, durable = true) {
  const fs = nodeFs();
  const path = joinPath(layout.tmp, tmpName(process.pid, now));
  const fd = openNew(path, layout.tmp);
  try {
    const bytes = Buffer.from(content, "utf8");
    let written = 0;
    while (written < bytes.length)
      written += fs.writeSync(fd, bytes, written);
    if (durable)
      fs.fdatasyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    await removeQuietly(path);
    throw error;
  }
  fs.closeSync(fd);
  return path;
}
async function publish(src, dest, destDir) {
  inFolder(destDir, () => nodeFs().linkSync(src, dest));
}
async function replaceFile(layout, dest, destDir, content, now, durable = true) {
  const tmp = await writeTmp(layout, content, now, durable);
  try {
    inFolder(destDir, () => nodeFs().renameSync(tmp, dest));
  } catch (error) {
    await removeQuietly(tmp);
    throw error;
  }
}
async function moveIfPresent(from, to, toDir) {
  const fs = nodeFs();
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (!hasErrno(error, "ENOENT"))
      throw error;
  }
  if (!lexists(from))
    return false;
  fs.mkdirSync(toDir, { recursive: true, mode: DIR_MODE });
  try {
    fs.renameSync(from, to);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return false;
    throw error;
  }
}
function lexists(path) {
  try {
    nodeFs().lstatSync(path);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return false;
    throw error;
  }
}
var MAX_RECORD_BYTES = 64 * 1024 * 1024;
function describeSpecial(stat) {
  if (stat.isDirectory())
    return "a folder";
  if (stat.isFIFO())
    return "a named pipe (fifo)";
  if (stat.isSocket())
    return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice())
    return "a device";
  if (stat.isSymbolicLink())
    return "a symbolic link";
  return "not a regular file";
}
function readStoreFile(path) {
  const fs = nodeFs();
  const { O_RDONLY, O_NOFOLLOW, O_NONBLOCK, O_NOCTTY } = fs.constants;
  let fd;
  try {
    fd = fs.openSync(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY);
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return { kind: "missing" };
    if (hasErrno(error, "ELOOP", "EMLINK"))
      return { kind: "special", what: "a symbolic link" };
    if (hasErrno(error, "ENXIO", "EOPNOTSUPP"))
      return { kind: "special", what: "a socket" };
    throw error;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile())
      return { kind: "special", what: describeSpecial(stat) };
    if (stat.size > MAX_RECORD_BYTES)
      return { kind: "special", what: `a file of ${stat.size} bytes, over the ${MAX_RECORD_BYTES}-byte limit for a record` };
    return { kind: "text", text: fs.readFileSync(fd, "utf8") };
  } finally {
    fs.closeSync(fd);
  }
}
function folderProblem(dir) {
  let stat;
  try {
    stat = nodeFs().lstatSync(dir, { throwIfNoEntry: false });
  } catch (error) {
    if (hasErrno(error, "ENOTDIR"))
      return;
    throw error;
  }
  return stat === undefined || stat.isDirectory() ? undefined : describeSpecial(stat);
}
async function readTextIfPresent(path) {
  const read = readStoreFile(path);
  if (read.kind === "text")
    return read.text;
  if (read.kind === "missing")
    return;
  throw new IntercomError("STORE", `${path} is ${read.what}, not a regular file; intercom never reads it. Remove it: rm '${path}'`);
}
function realPathOf(path, depth = 0) {
  const fs = nodeFs();
  const p = path.replace(/\/+/g, "/").replace(/(.)\/$/, "$1");
  const resolved = attempt(() => fs.realpathSync.native(p));
  if (resolved !== undefined)
    return resolved;
  if (depth > 40 || !p.startsWith("/"))
    return normalizePath(p);
  const link = attempt(() => fs.readlinkSync(p));
  if (link !== undefined)
    return realPathOf(link.startsWith("/") ? link : `${dirName(p)}/${link}`, depth + 1);
  const parent = dirName(p);
  if (parent === p)
    return p;
  const realParent = realPathOf(parent, depth + 1);
  const base = baseName(p);
  if (base === ".")
    return realParent;
  if (base === "..")
    return dirName(realParent);
  return realParent === "/" ? `/${base}` : `${realParent}/${base}`;
}
function attempt(fn) {
  try {
    return fn();
  } catch (error) {
    if (error instanceof Error)
      return;
    throw error;
  }
}
async function readTextWithoutNodeFs(path) {
  try {
    return await Bun.file(path).text();
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return;
    throw error;
  }
}
async function listNames(dir, suffix = ".json") {
  let names;
  try {
    names = nodeFs().readdirSync(dir);
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return [];
    throw error;
  }
  return names.filter((name) => name.endsWith(suffix) && !name.startsWith(".")).sort();
}
async function listNamesWithoutNodeFs(dir, suffix = ".json") {
  const names = [];
  try {
    for (const name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false }))
      names.push(name);
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return [];
    throw error;
  }
  return names.sort();
}
function hasNamesWithoutNodeFs(dir, suffix = ".json") {
  try {
    for (const _name of new Bun.Glob(`*${suffix}`).scanSync({ cwd: dir, onlyFiles: false, dot: false }))
      return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT", "ENOTDIR"))
      return false;
    throw error;
  }
  return false;
}
async function removeIfPresent(path) {
  try {
    nodeFs().unlinkSync(path);
    return true;
  } catch (error) {
    if (hasErrno(error, "ENOENT"))
      return false;
    throw error;
  }
}
async function removeQuietly(path) {
  try {
    nodeFs().unlinkSync(path);
  } catch {}
}

// src/store/layout.ts
var INBOX_STATES = ["new", "delivered", "seen"];
var HISTORY_STATES = ["acked", "replied"];
var MESSAGE_STATES = [...INBOX_STATES, ...HISTORY_STATES];
var STORE_FORMAT_VERSION = 1;
var STAGED_SUFFIX = ".sending";
function processToken(pid, start) {
  if (!Number.isInteger(pid) || pid <= 0 || !/^[\w:. -]+$/.test(start))
    throw new Error(`bad process key ${pid}/${start}`);
  return `${pid}-${start.replace(/[^\w]/g, "_")}`;
}
var CLAIMS_KEY = /^p[0-9a-f]{24}$/;
var ACTIVITY_KEY = /^(?:[a-z0-9]{4}|p-\d+-\w+)$/;
function createLayout(root) {
  const agents = joinPath(root, "agents");
  const sessions = joinPath(root, "sessions");
  const activity = joinPath(root, "activity");
  const procs = joinPath(root, "procs");
  const watchers = joinPath(root, "watchers");
  const claims = joinPath(root, "claims");
  const mail = joinPath(root, "mail");
  const log = joinPath(root, "log");
  const outbox = joinPath(root, "outbox");
  const remote = joinPath(root, "remote");
  const remoteMachines = joinPath(remote, "machines");
  const remoteAgents = joinPath(remote, "agents");
  const remoteClaims = joinPath(remote, "claims");
  const mailbox = (box) => joinPath(mail, assertMailbox(box));
  const messageDir = (box, state) => joinPath(mailbox(box), state);
  return {
    root,
    marker: joinPath(root, "store.json"),
    tmp: joinPath(root, "tmp"),
    agents,
    agentFile: (code) => joinPath(agents, `${assertCode(code)}.json`),
    sessions,
    sessionFile: (sessionId) => joinPath(sessions, assertSessionId(sessionId)),
    activity,
    activityDir: (key) => {
      if (!ACTIVITY_KEY.test(key))
        throw new IntercomError("BAD_INPUT", `${JSON.stringify(key)} is not an activity key: an agent code or p-<pid>-<start>`);
      return joinPath(activity, key);
    },
    claims,
    claimsFile: (owner) => joinPath(claims, `${assertMailbox(owner)}.json`),
    claimsLock: joinPath(root, "claims.lock"),
    watchers,
    watcherFile: (code) => joinPath(watchers, `${assertCode(code)}.json`),
    procs,
    procFile: (pid, start) => joinPath(procs, processToken(pid, start)),
    mail,
    mailbox,
    messageDir,
    messageFile: (box, state, id) => joinPath(messageDir(box, state), `${assertMessageId(id)}.json`),
    sentDir: (box) => joinPath(mailbox(box), "sent"),
    sentFile: (box, id) => joinPath(mailbox(box), "sent", `${assertMessageId(id)}.json`),
    log,
    logFile: (id) => joinPath(log, `${assertMessageId(id)}.json`),
    quarantine: joinPath(root, "quarantine"),
    asks: joinPath(root, "asks"),
    relay: joinPath(root, "relay"),
    relayLock: joinPath(root, "relay", "lock"),
    relayState: joinPath(root, "relay", "state.json"),
    outbox,
    outboxDir: (machine) => joinPath(outbox, assertMachine(machine)),
    outboxFile: (machine, id) => joinPath(outbox, assertMachine(machine), `${assertMessageId(id)}.json`),
    remote,
    remoteMachines,
    remoteMachineFile: (machine) => joinPath(remoteMachines, `${assertMachine(machine)}.json`),
    remoteAgents,
    remoteAgentsDir: (machine) => joinPath(remoteAgents, assertMachine(machine)),
    remoteAgentFile: (machine, code) => joinPath(remoteAgents, assertMachine(machine), `${assertCode(code)}.json`),
    remoteClaims,
    remoteClaimsFile: (key) => {
      if (!CLAIMS_KEY.test(key))
        throw new IntercomError("BAD_INPUT", `${JSON.stringify(key)} is not a project key hash`);
      return joinPath(remoteClaims, `${key}.json`);
    },
    refusedFile: (owner) => joinPath(remote, "refused", `${assertMailbox(owner)}.json`),
    remoteReceipts: joinPath(remote, "receipts"),
    remoteReceiptFile: (id, recipient) => joinPath(remote, "receipts", `${assertMessageId(id)}.${assertRecipient(recipient)}.json`),
    inboundJournal: joinPath(remote, "inbound.jsonl"),
    feed: joinPath(remote, "feed"),
    feedFile: (id) => joinPath(remote, "feed", `${assertMessageId(id)}.json`)
  };
}

export { FILE_MODE, DIR_MODE, tmpName, parseTmpName, ensureDir, writeTmp, publish, replaceFile, moveIfPresent, readStoreFile, folderProblem, readTextIfPresent, realPathOf, readTextWithoutNodeFs, listNames, listNamesWithoutNodeFs, hasNamesWithoutNodeFs, removeIfPresent, removeQuietly, INBOX_STATES, HISTORY_STATES, MESSAGE_STATES, STORE_FORMAT_VERSION, STAGED_SUFFIX, processToken, createLayout };
