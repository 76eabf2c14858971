// @bun
import {
  HUMAN,
  isCode
} from "./app-szk2ejsq.js";
import {
  label
} from "./app-4xx3ma53.js";
import {
  IntercomError,
  shorten
} from "./app-43z2an93.js";

// src/core/ranges.ts
var ASK_TIMEOUT_S = { min: 1, max: 600, whole: true, unit: "seconds", default: 120 };
var CLAIM_TTL_MINUTES = {
  min: 0,
  aboveMin: true,
  max: 24 * 60,
  whole: false,
  unit: "minutes",
  default: 60
};
var MAX_CLAIM_PATTERNS = 50;
var SESSIONS_LIMIT = { min: 1, max: 500, whole: true, default: 20 };
var SEARCH_LIMIT = { min: 1, max: 50, whole: true, default: 20 };
var OFFSET = { min: 0, max: Number.MAX_SAFE_INTEGER, whole: true, default: 0 };
function inRange(value, range) {
  if (!Number.isFinite(value) || range.whole && !Number.isInteger(value))
    return false;
  return (range.aboveMin ? value > range.min : value >= range.min) && value <= range.max;
}
function rangeText(range) {
  const what = `${range.whole ? "a whole number" : "a number"}${range.unit ? ` of ${range.unit}` : ""}`;
  if (range.max >= Number.MAX_SAFE_INTEGER)
    return `${what}, ${range.min} or more`;
  if (range.aboveMin)
    return `${what} more than ${range.min} and at most ${range.max}`;
  return `${what} from ${range.min} to ${range.max}`;
}

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
var TO_TOKEN = /^(?:\*|[A-Za-z0-9][A-Za-z0-9_.-]{0,127})$/;
var MIN_SESSION_PREFIX = 6;
var USAGE = 'use an agent code (e.g. x7k2), a name, a session id, "all" (everyone on your project) or "*" (everyone)';
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
  return `${agent.code}${agent.name ? ` (${agent.name})` : ""} on ${label(agent.project)}`;
}
function liveAgentsHint(live, selfCode) {
  const others = live.filter((a) => a.code !== selfCode);
  if (others.length === 0)
    return "no other agent is live right now";
  const shown = others.slice(0, 10).map(describeAgent).join(", ");
  return `live agents: ${shown}${others.length > 10 ? `, and ${others.length - 10} more` : ""}`;
}
function broadcastRecipients(address, self, live) {
  const everyone = address.kind === "everyone";
  if (!everyone && !self) {
    throw new IntercomError("BAD_INPUT", '"all" means everyone on your project, and you are not an agent; use "*" for every live agent');
  }
  const codes = live.filter((a) => a.code !== self?.code && (everyone || a.project === self?.project)).map((a) => a.code);
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
  if (lower === HUMAN)
    return { kind: "human" };
  const { live } = dir;
  const byCode = isCode(lower) ? live.find((a) => a.code === lower) : undefined;
  if (byCode)
    return { kind: "agent", agent: byCode };
  const byName = live.filter((a) => a.name?.toLowerCase() === lower);
  if (byName.length > 1) {
    throw new IntercomError("AMBIGUOUS", `the name "${token}" matches ${byName.map(describeAgent).join(", ")}; send to a code instead`);
  }
  if (byName.length === 1)
    return { kind: "agent", agent: byName[0] };
  if (token.length >= MIN_SESSION_PREFIX) {
    const bySession = live.filter((a) => a.session_id?.startsWith(token));
    if (bySession.length > 1)
      throw ambiguousSession(token, bySession);
    if (bySession.length === 1)
      return { kind: "agent", agent: bySession[0] };
  }
  const linked = dir.linked(token);
  if (linked)
    return { kind: "agent", agent: linked };
  if (isCode(lower) && dir.wasAgent(lower)) {
    throw new IntercomError("NOT_LIVE", `agent '${lower}' is not live (its session has ended); ${liveAgentsHint(live, selfCode)}.`, {
      next: { op: "who", why: "to see who is around" }
    });
  }
  return;
}
function unknownRecipient(token, dir, selfCode, sessionsSearched) {
  return new IntercomError("NOT_FOUND", `no live agent${sessionsSearched ? " or Claude session" : ""} matches '${token}'; ${liveAgentsHint(dir.live, selfCode)}.`, { next: { op: "who", why: "to list agents", ...sessionsSearched ? { also: [{ op: "list_sessions", why: "for sessions" }] } : {} } });
}
function directRecipients(tokens, targets, selfCode) {
  const codes = [];
  const sessions = new Map;
  for (const token of tokens) {
    const target = targets.get(token);
    const code = target.kind === "human" ? HUMAN : target.kind === "session" ? target.mailbox : target.agent.code;
    if (code === selfCode)
      throw new IntercomError("BAD_INPUT", `'${token}' is you`, { next: { op: "who", why: "to find the agent you mean" } });
    if (target.kind === "session")
      sessions.set(target.mailbox, target.sessionId);
    codes.push(code);
  }
  return { codes: [...new Set(codes)], scope: "direct", ...sessions.size ? { sessions } : {} };
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

export { ASK_TIMEOUT_S, CLAIM_TTL_MINUTES, MAX_CLAIM_PATTERNS, SESSIONS_LIMIT, SEARCH_LIMIT, OFFSET, inRange, rangeText, SINCE_FORMS, readSince, parseSince, sinceTime, parseAddress, broadcastRecipients, unknownRecipient, directRecipients, matchAgents };
