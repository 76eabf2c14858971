// @bun
import {
  nodeFs,
  procInfo2,
  lastCreatedPid2,
  isProcessAlive2,
  ancestors2,
  inotifyDescriptors2,
  stopProcess2
} from "./app-fgrk1ekz.js";
import {
  describeError
} from "./app-jcmt5trc.js";
import"./app-4xx3ma53.js";
import"./app-bc83tm8f.js";
import {
  claimNewMail2,
  claimedText2,
  formatDelivery2,
  additionalContext2
} from "./app-etk99p42.js";
import"./app-k1kn2ssd.js";
import"./app-shp9afcm.js";
import {
  hookClaude2,
  hookAgent2
} from "./app-2w374fj8.js";
import {
  waitFor
} from "./app-r6np75d3.js";
import {
  mailHandover,
  createWakeCheck,
  idleOrBusy
} from "./app-fz0d6jr9.js";
import"./app-wjvxasyr.js";
import {
  selfOf,
  seenBy
} from "./app-vgn7n7d1.js";

// src/hooks/watcher-foreground.ts
async function inForeground(ctx, chain, handover) {
  const store = await ctx.store();
  const agent = await hookAgent2(store, selfOf(ctx), chain);
  if (!agent)
    return 0;
  await markIdle(ctx, store, agent.code);
  if (handover !== "context" || await store.mail.countNew(agent.code) === 0)
    return 0;
  const claimed = await claimNewMail2(store, agent.code);
  if (claimed.length)
    ctx.out(additionalContext2("SessionStart", await claimedText2(store, agent.code, claimed)));
  return 0;
}
async function markIdle(ctx, store, code) {
  if (ctx.event === "session-start" && ctx.input.source === "compact")
    return;
  await store.presence.mark(code, "idle", seenBy(ctx));
}

// src/core/inotify-holder.ts
var UNREAPED_LIMIT = 3;
var ORPHAN_AGE_MS = 1e4;
var UNREAPED_AFTER_MS = 3000;
var HOLDER_SCRIPT = ": intercom watcher, holding its inotify instance until it exits; read _";
var HOLDING = Symbol.for("claude-intercom.inotify-holders");
var holding = globalThis[HOLDING] ?? new Map;
globalThis[HOLDING] = holding;
function holdInotifyPastExit() {
  const [fd] = inotifyDescriptors2("self");
  if (fd === undefined)
    return Promise.resolve(undefined);
  let held = holding.get(fd);
  if (!held) {
    held = startHolder(fd);
    holding.set(fd, held);
  }
  return held;
}
async function startHolder(fd) {
  try {
    if (await orphansGoUnreaped())
      return;
    const holder = Bun.spawn(["/bin/sh", "-c", HOLDER_SCRIPT], { stdio: ["pipe", "ignore", "ignore", fd], env: {} });
    holder.unref();
    return holder.pid;
  } catch {
    return;
  }
}
async function orphansGoUnreaped(waitMs = UNREAPED_AFTER_MS) {
  const first = zombiesOfInit(ORPHAN_AGE_MS);
  if (first.length < UNREAPED_LIMIT)
    return false;
  await Bun.sleep(waitMs);
  const still = new Set(zombiesOfInit(0));
  return first.filter((pid) => still.has(pid)).length >= UNREAPED_LIMIT;
}
function zombiesOfInit(minAgeMs) {
  const fs = nodeFs();
  const bornBefore = (Number(fs.readFileSync("/proc/uptime", "utf8").split(" ")[0]) * 1000 - minAgeMs) / 10;
  const zombies = [];
  for (const entry of fs.readdirSync("/proc")) {
    const pid = Number(entry);
    if (!Number.isInteger(pid))
      continue;
    const info = procInfo2(pid);
    if (info?.zombie && info.ppid === 1 && Number(info.start) <= bornBefore)
      zombies.push(pid);
  }
  return zombies;
}

// src/hooks/watcher-wait.ts
var WAKE_EXIT_CODE = 2;
var AGENT_GONE_GRACE_MS = 1500;
async function armThenWait(ctx, store, code, owner, registrationWaitMs, warm) {
  const self = procInfo2(ctx.pid);
  if (!self)
    return 0;
  const previous = await store.watchers.arm(code, { pid: self.pid, start: self.start, claudePid: owner?.pid });
  if (previous)
    stopProcess2(previous.pid);
  const idle = () => markIdle(ctx, store, code);
  await idle();
  await warm?.(idle);
  return waitForMail(ctx, store, code, owner, registrationWaitMs);
}
async function waitForMail(ctx, store, code, owner, registrationWaitMs) {
  const check = createWakeCheck(store, code, { pid: ctx.pid, registrationWaitMs, goneGraceMs: AGENT_GONE_GRACE_MS });
  let checked = false;
  const ready = async (change) => {
    let standing;
    if (change !== "mail" || !checked) {
      const now = await check();
      if (now === "replaced" || now === "gone")
        return now;
      standing = now;
      checked = true;
    } else
      standing = await idleOrBusy(store, code);
    if (standing === "busy" || await store.mail.countNew(code) === 0)
      return;
    return "ready";
  };
  const transcript = ctx.input.transcriptPath;
  for (;; ) {
    const outcome = await waitUntil(ctx, owner, async (onChange) => {
      const watch = await store.watchAgent(code, onChange, onWatchError(ctx), transcript);
      holdInotifyPastExit();
      return watch;
    }, ready);
    if (outcome !== "ready")
      return 0;
    const claimed = await claimNewMail2(store, code);
    if (claimed.length > 0) {
      await deliver(ctx, store, code, claimed);
      return WAKE_EXIT_CODE;
    }
    checked = false;
  }
}
async function deliver(ctx, store, code, claimed) {
  ctx.err(await claimedText2(store, code, claimed));
  try {
    await store.presence.mark(code, "busy", { ...seenBy(ctx), at: undefined, firstPid: undefined, lastPid: lastCreatedPid2() });
  } catch {}
}
function ownerAlive(owner) {
  return owner === undefined || isProcessAlive2(owner.pid, owner.start);
}
var onWatchError = (ctx) => (error) => ctx.err(`intercom watcher: ${describeError(error)}`);
async function waitUntil(ctx, owner, watch, probe, timeoutMs) {
  const stop = new AbortController;
  const onAbort = () => stop.abort();
  ctx.signal.addEventListener("abort", onAbort);
  if (ctx.signal.aborted)
    stop.abort();
  try {
    const probeWhileOwned = async (hint) => {
      if (ownerAlive(owner))
        return probe(hint);
      stop.abort();
      return;
    };
    return await waitFor(watch, probeWhileOwned, { timeoutMs, signal: stop.signal });
  } finally {
    ctx.signal.removeEventListener("abort", onAbort);
  }
}

// src/hooks/watcher.ts
var LINK_WAIT_MS = 60000;
var watcher = async (ctx) => {
  const store = await ctx.store();
  const chain = ancestors2(ctx.pid);
  const claude = hookClaude2(selfOf(ctx), chain);
  const handover = mailHandover(ctx.event, { subagent: false, claude });
  if (handover !== "wake")
    return inForeground(ctx, chain, handover);
  const agent = await waitForAgent(ctx, store, chain, claude);
  if (!agent)
    return 0;
  const { code } = agent;
  const record = await store.agents.get(code);
  const owner = ownerProcess(record, chain, claude);
  const registrationWaitMs = registrationWait(ctx.event, record, owner);
  if (ctx.event === "stop-failure") {
    const armed = await store.watchers.current(code);
    if (armed && armed.pid !== ctx.pid && isProcessAlive2(armed.pid, armed.pid_start)) {
      await markIdle(ctx, store, code);
      return 0;
    }
  }
  if (registrationWaitMs === undefined && ctx.waitElsewhere && !ctx.signal.aborted)
    await ctx.waitElsewhere({ code, owner });
  if (ctx.signal.aborted)
    return 0;
  return armThenWait(ctx, store, code, owner, registrationWaitMs, async (idle) => {
    await store.warm();
    Bun.gc(true);
    await warmWakePath(store, code, idle);
  });
};
function registrationWait(event, record, owner) {
  if (event !== "session-start")
    return;
  const ours = owner !== undefined && record?.claude_pid === owner.pid && record.claude_pid_start === owner.start;
  return ours ? undefined : LINK_WAIT_MS;
}
async function warmWakePath(store, code, idle) {
  const id = "0000000000000-0000000000";
  const at = new Date(0).toISOString();
  const sample = {
    v: 1,
    id,
    from: { code: "human" },
    to: [code],
    scope: "direct",
    thread: id,
    created_at: at,
    body: "a <b> \uFF1Cc\uFF1E"
  };
  formatDelivery2(code, [{ message: sample, state: "delivered" }], 1);
  await store.mail.entries(code, ["new"]);
  await store.mail.load(code, { id, state: "new" });
  await store.mail.markDelivered(code, [id]);
  await store.mail.countNew(code);
  await idleOrBusy(store, code);
  lastCreatedPid2();
  await idle();
}
function ownerProcess(agent, chain, guess) {
  const registered = chain.find((p) => p.pid === agent?.claude_pid && p.start === agent?.claude_pid_start);
  return registered ?? guess;
}
async function waitForAgent(ctx, store, chain, owner) {
  const resolve = () => hookAgent2(store, selfOf(ctx), chain);
  return await resolve() ?? waitUntil(ctx, owner, (onChange) => store.watchRegistry(onChange, onWatchError(ctx)), resolve, LINK_WAIT_MS);
}
export {
  watcher
};
