// @bun
import {
  sliceChars
} from "./app-jcmt5trc.js";
import {
  PEER_NOTICE,
  frameMessage
} from "./app-bc83tm8f.js";

// src/hooks/deliver.ts
var MAX_DELIVERY_CHARS = 8000;
var FRAMES_ROOM = MAX_DELIVERY_CHARS - 800;
async function claimNewMail2(store, code) {
  const waiting = await store.mail.entries(code, ["new"]);
  const fits = [];
  let size = 0;
  for (const entry of waiting) {
    const item = await store.mail.load(code, entry);
    if (!item)
      continue;
    size += frameWithin(item.message).length + 2;
    if (fits.length > 0 && size > FRAMES_ROOM)
      break;
    fits.push(item);
  }
  const ids = fits.map((item) => item.message.id);
  const moved = new Set(await store.mail.markDelivered(code, ids));
  return fits.filter((item) => moved.has(item.message.id)).map((item) => ({ ...item, state: "delivered" }));
}
async function claimedText2(store, code, claimed) {
  const waiting = await store.mail.countNew(code).catch(() => 0);
  return formatDelivery2(code, claimed, waiting);
}
function formatDelivery2(code, messages, stillWaiting) {
  const head = `intercom: ${messages.length} new message(s) for you (agent ${code}) from other Claude sessions. ${PEER_NOTICE}`;
  const more = stillWaiting > 0 ? `

${stillWaiting} more message(s) are waiting: call the intercom peek tool.` : "";
  const asks = messages.some((m) => m.message.expects_reply) ? " A sender marked awaiting_reply is blocked until you answer." : "";
  return `${head}

${messages.map((m) => frameWithin(m.message)).join(`

`)}${more}

` + `Answer with the intercom reply tool (pass the message id); ack what needs no answer.${asks}`;
}
function frameWithin(message) {
  let framed = framedCache.get(message);
  if (framed === undefined) {
    framed = frameToFit(message);
    framedCache.set(message, framed);
  }
  return framed;
}
var framedCache = new WeakMap;
function frameToFit(message) {
  const whole = frameMessage(message);
  if (whole.length <= FRAMES_ROOM)
    return whole;
  const note = (shown) => `(message ${message.id} is ${message.body.length} characters; the first ${shown} are below. ` + `For the rest call the intercom peek tool with id "${message.id}" and offset ${shown}.)
`;
  let keep = Math.max(0, FRAMES_ROOM - (whole.length - message.body.length) - note(message.body.length).length);
  for (;; ) {
    const shown = sliceChars(message.body, keep);
    const framed = `${note(shown.length)}${frameMessage({ ...message, body: shown })}`;
    if (framed.length <= FRAMES_ROOM || keep === 0)
      return framed;
    keep = Math.max(0, keep - Math.max(16, framed.length - FRAMES_ROOM));
  }
}
function additionalContext2(event, text, decision, systemMessage) {
  return JSON.stringify({
    ...systemMessage ? { systemMessage } : {},
    hookSpecificOutput: { hookEventName: event, ...text ? { additionalContext: text } : {}, ...decision }
  });
}

export { claimNewMail2, claimedText2, formatDelivery2, additionalContext2 };
