// @bun
import {
  inertLine,
  quoted,
  label
} from "./app-4xx3ma53.js";
import {
  nextStepText,
  shorten,
  oneLineForTerminal
} from "./app-jcmt5trc.js";

// src/hooks/claim-guard.ts
function claimWarning(file, claims) {
  const claim = claims[0];
  if (!claim)
    return;
  const owner = claim.owner === "human" ? "the human at the intercom CLI" : `agent ${claim.owner}${claim.owner_name ? ` (${inertLine(claim.owner_name)})` : ""}`;
  const until = new Date(claim.expires_at).toISOString().slice(11, 16);
  const reach = claim.owner === "human" ? "check with your user" : nextStepText({ op: "send", or: { op: "ask" }, lead: "ask them first:", why: `to "${claim.owner}"` }, "model");
  return `intercom: ${file} is claimed by ${owner} on ${label(claim.project)} (${quoted(claim.pattern)}, until ${until} UTC)` + `${claim.reason ? `, for ${quoted(claim.reason)}` : ""}. Editing it may collide with their work: ${reach}, or wait until they release it.`;
}
function forPerson(text, max) {
  return shorten(oneLineForTerminal(text).replace(/\s+/g, " ").trim(), max);
}
function claimNotice(file, claims, decision) {
  const claim = claims[0];
  if (!claim)
    return;
  const human = claim.owner === "human";
  const code = forPerson(claim.owner, 16);
  const owner = human ? "the human at the intercom CLI" : `agent ${code}${claim.owner_name ? ` (${forPerson(claim.owner_name, 60)})` : ""}`;
  const until = new Date(claim.expires_at).toISOString().slice(11, 16);
  const held = decision === "deny" ? "intercom refused this edit" : "intercom holds this edit for you";
  const why = claim.reason ? `, reason: "${forPerson(claim.reason, 200)}"` : ", no reason given";
  const reach = human ? "it was claimed from the intercom CLI (`intercom claims` lists it)" : `reach them with: \`intercom send ${code} "<your message>"\``;
  return `${held}: ${forPerson(file, 200)} is claimed by ${owner} on ${forPerson(claim.project, 60)} ` + `(pattern "${forPerson(claim.pattern, 120)}", until ${until} UTC)${why}; ${reach}`;
}
export {
  claimNotice,
  claimWarning
};
