// @bun
import {
  NEXT,
  IntercomError,
  shorten
} from "./intercom-1c2p5kqx.js";

// src/core/ids.ts
var CODE_PATTERN = /^[a-z0-9]{4}$/;
var HUMAN = "human";
var MAILBOX_PATTERN = /^(?:[a-z0-9]{4}|human|s-[A-Za-z0-9][A-Za-z0-9_-]{7,127})$/;
var MESSAGE_ID_PATTERN = /^\d{13}-[a-z0-9]{10}$/;
var SESSION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{7,127}$/;
var NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]{0,31}$/;
var RESERVED_NAMES = new Set(["all", "everyone", "human", "me", "self"]);
var ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
function randomToken(length) {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  let out = "";
  for (const b of bytes)
    out += ALPHABET[b % ALPHABET.length];
  return out;
}
function newCode() {
  return randomToken(4);
}
function messageIdGenerator(clock) {
  let lastMs = -1;
  let seq = 0;
  return () => {
    const ms = clock.now();
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    const seqPart = (seq % 36 ** 3).toString(36).padStart(3, "0");
    return `${String(ms).padStart(13, "0")}-${seqPart}${randomToken(7)}`;
  };
}
function show(value) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return JSON.stringify(text === undefined ? String(value) : shorten(text, 61));
}
function assertCode(value, what = "agent code") {
  if (typeof value === "string" && CODE_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid ${what}: codes are 4 characters of a-z and 0-9, e.g. "x7k2"`);
}
function assertMailbox(value) {
  if (typeof value === "string" && MAILBOX_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid mailbox: expected a 4-character agent code, "human" or "s-<session id>"`);
}
function sessionMailbox(sessionId) {
  return `s-${assertSessionId(sessionId)}`;
}
function assertMessageId(value) {
  if (typeof value === "string" && MESSAGE_ID_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid message id: ids look like "1763760000000-0a1b2c3d4e"`, {
    next: NEXT.listMessageIds
  });
}
function assertSessionId(value) {
  if (typeof value === "string" && SESSION_ID_PATTERN.test(value))
    return value;
  throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid session id: expected letters, digits, "-" or "_" (8-128 characters)`);
}
function assertName(value) {
  if (typeof value !== "string" || !NAME_PATTERN.test(value)) {
    throw new IntercomError("BAD_INPUT", `${show(value)} is not a valid agent name: start with a letter, then up to 31 letters, digits, ".", "_" or "-"`);
  }
  if (/^[a-z0-9]{4}$/i.test(value)) {
    throw new IntercomError("BAD_INPUT", `"${value}" looks like an agent code (4 letters or digits), so it could stand for another agent; pick a name of another length`);
  }
  if (RESERVED_NAMES.has(value.toLowerCase())) {
    throw new IntercomError("BAD_INPUT", `"${value}" is reserved (it has a meaning as a recipient); pick another name`);
  }
  return value;
}
function isCode(value) {
  return CODE_PATTERN.test(value);
}
function isSessionId(value) {
  return SESSION_ID_PATTERN.test(value);
}
function parseIdentityOverride(value) {
  if (value === undefined)
    return {};
  if (isCode(value))
    return { code: value };
  if (isSessionId(value) && /\d/.test(value) && value.includes("-") && value.length >= 16)
    return { sessionId: value };
  if (NAME_PATTERN.test(value))
    return { name: value };
  throw new IntercomError("BAD_INPUT", `CLAUDE_INTERCOM_SESSION=${JSON.stringify(value)} is neither a session id, a 4-character code nor a name; fix or unset it`);
}

export { CODE_PATTERN, HUMAN, MAILBOX_PATTERN, MESSAGE_ID_PATTERN, SESSION_ID_PATTERN, NAME_PATTERN, randomToken, newCode, messageIdGenerator, assertCode, assertMailbox, sessionMailbox, assertMessageId, assertSessionId, assertName, isCode, isSessionId, parseIdentityOverride };
