// @bun
import {
  PEER_NOTICE,
  frameMessage
} from "./app-nv9fbcp3.js";
import {
  sliceChars
} from "./app-43z2an93.js";

// src/hooks/deliver.ts
var MAX_DELIVERY_CHARS = 8000;
var FRAMES_ROOM = MAX_DELIVERY_CHARS - 800;
async function claimNewMail2(store, code) {
  const waiting = await store.mail.entries(code, ["new"]);
  const claimed = [];
  let size = 0;
  for (const entry of waiting) {
    const item = await store.mail.load(code, entry);
    if (!item)
      continue;
    size += frameWithin(item.message).length + 2;
    if (claimed.length > 0 && size > FRAMES_ROOM)
      break;
    if ((await store.mail.markDelivered(code, [item.message.id])).length)
      claimed.push({ ...item, state: "delivered" });
  }
  return claimed;
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

export { claimNewMail2, formatDelivery2, additionalContext2 };
