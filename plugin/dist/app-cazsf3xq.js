// @bun
import {
  IntercomError,
  shorten,
  HUMAN,
  isMachine,
  isCode
} from "./app-jcmt5trc.js";
import {
  label
} from "./app-4xx3ma53.js";

// src/core/since.ts
var SINCE_FORMS = "a duration (30m, 2h, 3d) or a date (2026-11-21T09:00)";
var UNIT_MS = { m: 60000, h: 3600000, d: 86400000 };
var ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
function readSince(text) {
  const m = /^(\d+)\s*([mhd])$/.exec(text.trim());
  if (m)
    return { agoMs: Number(m[1]) * UNIT_MS[m[2]] };
  if (!ISO_DATE.test(text.trim()))
    return;
  const at = Date.parse(text.trim());
  return Number.isNaN(at) ? undefined : { at };
}
function parseSince(text) {
  const since = readSince(text);
  if (!since)
    throw new IntercomError("BAD_INPUT", `since "${text}" is neither a duration (30m, 2h, 3d) nor a date (2026-11-21T09:00)`);
  return since;
}
function sinceTime(since, now) {
  return "at" in since ? since.at : now - since.agoMs;
}

// src/intercom/addressing.ts
var NO_REMOTE = { live: [], unreachable: [], machines: [] };
var TO_TOKEN = /^(?:\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127}(?:@[A-Za-z0-9][A-Za-z0-9-]{0,62})?)$/;
var MIN_SESSION_PREFIX = 6;
var USAGE = 'use an agent code (e.g. x7k2), code@machine, a name, a session id, "all" (everyone on your project) or "*" (everyone)';
function parseAddress(to) {
  const tokens = to.split(",").map((t) => t.trim());
  if (tokens.every((t) => t === ""))
    throw new IntercomError("BAD_INPUT", `no recipient given: ${USAGE}`, { next: { op: "who", why: "to list agents" } });
  if (tokens.some((t) => t === "")) {
    throw new IntercomError("BAD_INPUT", `${JSON.stringify(shorten(to, 61))} has an empty entry between its commas; remove the stray comma`);
  }
  for (const token of tokens) {
    if (!TO_TOKEN.test(token))
      throw new IntercomError("BAD_INPUT", `${JSON.stringify(shorten(token, 61))} is not a valid recipient: ${USAGE}`);
  }
  if (tokens.length === 1 && tokens[0] === "all")
    return { kind: "project" };
  if (tokens.length === 1 && tokens[0] === "*")
    return { kind: "everyone" };
  const broadcast = tokens.find((t) => t === "all" || t === "*");
  if (broadcast)
    throw new IntercomError("BAD_INPUT", `"${broadcast}" cannot be combined with other recipients`);
  return { kind: "direct", tokens: [...new Set(tokens)] };
}
function describeAgent(agent) {
  const where = "machine" in agent ? `@${agent.machine}` : "";
  return `${agent.code}${where}${agent.name ? ` (${label(agent.name)})` : ""} on ${label(agent.project)}`;
}
function liveAgentsHint(live, selfCode, remote = NO_REMOTE) {
  const others = [...live.filter((a) => a.code !== selfCode), ...remote.live];
  if (others.length === 0)
    return "no other agent is live right now";
  const shown = others.slice(0, 10).map(describeAgent).join(", ");
  return `live agents: ${shown}${others.length > 10 ? `, and ${others.length - 10} more` : ""}`;
}
function sameProject(a, b) {
  return a.project_key !== undefined && b.project_key !== undefined ? a.project_key === b.project_key : a.project === b.project;
}
function remoteMailbox(agent) {
  return `${agent.code}@${agent.machine}`;
}
function broadcastRecipients(address, self, live, remote = NO_REMOTE) {
  const everyone = address.kind === "everyone";
  if (!everyone && !self) {
    throw new IntercomError("BAD_INPUT", '"all" means everyone on your project, and you are not an agent; use "*" for every live agent');
  }
  const codes = [
    ...live.filter((a) => a.code !== self?.code && (everyone || sameProject(a, self))).map((a) => a.code),
    ...remote.live.filter((a) => everyone || sameProject(a, self)).map(remoteMailbox)
  ];
  if (codes.length === 0) {
    if (everyone)
      throw new IntercomError("NOT_FOUND", "no other agent is live right now; nothing was sent");
    throw new IntercomError("NOT_FOUND", `no other agent is live on project ${self?.project}; nothing was sent. Use "*" to reach every project`, {
      next: { op: "who", scope: "all", lead: "or" }
    });
  }
  return everyone ? { codes, scope: "everyone" } : { codes, scope: "project", project: self.project };
}
function agentTarget(token, dir, selfCode) {
  const lower = token.toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at > 0) {
    const machine = lower.slice(at + 1);
    if (machine !== dir.remote.machine)
      return remoteTarget(token.slice(0, at), machine, dir);
    return agentTarget(token.slice(0, at), { ...dir, remote: NO_REMOTE }, selfCode);
  }
  if (lower === HUMAN)
    return { kind: "human" };
  const { live } = dir;
  const byCode = isCode(lower) ? live.find((a) => a.code === lower) : undefined;
  const byName = byCode ? [] : live.filter((a) => a.name?.toLowerCase() === lower);
  const local = byCode ? [byCode] : byName;
  if (local.length > 1) {
    throw new IntercomError("AMBIGUOUS", `the name "${token}" matches ${local.map(describeAgent).join(", ")}; send to a code instead`);
  }
  if (local.length === 1)
    return { kind: "agent", agent: local[0] };
  const remote = dir.remote.live.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (remote.length > 1) {
    throw new IntercomError("AMBIGUOUS", `"${token}" matches ${remote.map(describeAgent).join(", ")}; send to code@machine instead`);
  }
  if (remote.length === 1)
    return remoteAgentTarget(remote[0], true);
  if (token.length >= MIN_SESSION_PREFIX) {
    const bySession = live.filter((a) => a.session_id?.startsWith(token));
    if (bySession.length > 1)
      throw ambiguousSession(token, bySession);
    if (bySession.length === 1)
      return { kind: "agent", agent: bySession[0] };
    const remoteSession = dir.remote.live.filter((a) => a.session_id?.startsWith(token));
    if (remoteSession.length > 1)
      throw new IntercomError("AMBIGUOUS", `session prefix "${token}" matches ${remoteSession.map(describeAgent).join(", ")}; give more of the id`);
    if (remoteSession.length === 1)
      return remoteAgentTarget(remoteSession[0], true);
  }
  const linked = dir.linked(token);
  if (linked)
    return { kind: "agent", agent: linked };
  const waiting = dir.remote.unreachable.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (waiting.length === 1)
    return remoteAgentTarget(waiting[0], false);
  if (isCode(lower) && dir.wasAgent(lower)) {
    throw new IntercomError("NOT_LIVE", `agent '${lower}' is not live (its session has ended); ${liveAgentsHint(live, selfCode, dir.remote)}.`, {
      next: { op: "who", why: "to see who is around" }
    });
  }
  return;
}
function remoteAgentTarget(agent, reachable) {
  return { kind: "remote", mailbox: remoteMailbox(agent), machine: agent.machine, agent, reachable };
}
function remoteTarget(who, machine, dir) {
  const known = dir.remote.machines.find((m) => m.name === machine);
  if (!isMachine(machine) || !known) {
    const names = dir.remote.machines.map((m) => `${m.name}${m.up ? "" : " (gone)"}`);
    const machines = names.length ? `machines in the mesh: ${names.join(", ")}` : "no other machine is known";
    throw new IntercomError("NOT_FOUND", `no machine "${machine}" is known${dir.remote.machine ? "" : " (no relay runs for this store, so no other machine is)"}; ${machines}.`, { next: { op: "who", scope: "all", why: "to list agents on every machine" } });
  }
  const reachable = known.up;
  const lower = who.toLowerCase();
  if (lower === HUMAN)
    return { kind: "remote", mailbox: `${HUMAN}@${machine}`, machine, reachable };
  const candidates = [...dir.remote.live, ...dir.remote.unreachable].filter((a) => a.machine === machine);
  const matches = candidates.filter((a) => a.code === lower || a.name?.toLowerCase() === lower);
  if (matches.length > 1)
    throw new IntercomError("AMBIGUOUS", `"${who}@${machine}" matches ${matches.map(describeAgent).join(", ")}; send to a code`);
  if (matches.length === 1)
    return remoteAgentTarget(matches[0], reachable && dir.remote.live.includes(matches[0]));
  const others = candidates;
  const there = others.slice(0, 10).map(describeAgent).join(", ");
  throw new IntercomError("NOT_FOUND", `no agent '${who}' on machine ${machine}; ${there ? `agents there: ${there}` : "no agent is known there"}.`, {
    next: { op: "who", scope: "all", why: "to list agents on every machine" }
  });
}
function unknownRecipient(token, dir, selfCode, sessionsSearched) {
  return new IntercomError("NOT_FOUND", `no live agent${sessionsSearched ? " or Claude session" : ""} matches '${token}'; ${liveAgentsHint(dir.live, selfCode, dir.remote)}.`, { next: { op: "who", why: "to list agents", ...sessionsSearched ? { also: [{ op: "list_sessions", why: "for sessions" }] } : {} } });
}
function directRecipients(tokens, targets, selfCode) {
  const codes = [];
  const sessions = new Map;
  const queued = [];
  for (const token of tokens) {
    const target = targets.get(token);
    const code = target.kind === "human" ? HUMAN : target.kind === "session" || target.kind === "remote" ? target.mailbox : target.agent.code;
    if (code === selfCode)
      throw new IntercomError("BAD_INPUT", `'${token}' is you`, { next: { op: "who", why: "to find the agent you mean" } });
    if (target.kind === "session")
      sessions.set(target.mailbox, target.sessionId);
    if (target.kind === "remote" && !target.reachable && !queued.includes(code))
      queued.push(code);
    codes.push(code);
  }
  return {
    codes: [...new Set(codes)],
    scope: "direct",
    ...sessions.size ? { sessions } : {},
    ...queued.length ? { queued } : {}
  };
}
function matchAgents(tokens, dir, selfCode) {
  const targets = new Map;
  const unmatched = [];
  for (const token of tokens) {
    const target = agentTarget(token, dir, selfCode);
    if (target)
      targets.set(token, target);
    else
      unmatched.push(token);
  }
  return { targets, unmatched };
}
function ambiguousSession(token, matches) {
  const ids = new Set(matches.map((a) => a.session_id));
  const agents = matches.map(describeAgent).join(", ");
  if (ids.size === 1) {
    return new IntercomError("AMBIGUOUS", `session ${[...ids][0]} is run by ${matches.length} live Claude processes at once (agents ${agents}); nothing was sent. Send to one of these codes`, { next: { op: "who", why: "to see what each is doing" } });
  }
  return new IntercomError("AMBIGUOUS", `session prefix "${token}" matches ${agents}; give more of the id`);
}

export { SINCE_FORMS, readSince, parseSince, sinceTime, parseAddress, sameProject, broadcastRecipients, unknownRecipient, directRecipients, matchAgents };
