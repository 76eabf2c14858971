// What the edit guard says when a file is claimed by someone else: whose claim, why, until when,
// and how to reach them.
import { oneLineForTerminal, shorten } from '../core/text.ts';
import type { LiveClaim } from '../intercom/index.ts';
import { inertLine, label, quoted } from '../core/peer-text.ts';
import { nextStepText } from '../core/next-step.ts';

export function claimWarning(file: string, claims: LiveClaim[]): string | undefined {
  const claim = claims[0];
  if (!claim) return undefined;
  const owner =
    claim.owner === 'human'
      ? 'the human at the intercom CLI'
      : `agent ${claim.owner}${claim.owner_name ? ` (${inertLine(claim.owner_name)})` : ''}`;
  const until = new Date(claim.expires_at).toISOString().slice(11, 16);
  // The model reads this (permissionDecisionReason): the way to reach them is named as its tools.
  const reach =
    claim.owner === 'human'
      ? 'check with your user'
      : nextStepText({ op: 'send', or: { op: 'ask' }, lead: 'ask them first:', why: `to "${claim.owner}"` }, 'model');
  return (
    `intercom: ${file} is claimed by ${owner} on ${label(claim.project)} (${quoted(claim.pattern)}, until ${until} UTC)` +
    `${claim.reason ? `, for ${quoted(claim.reason)}` : ''}. Editing it may collide with their work: ${reach}, or wait until they release it.`
  );
}

/** A peer's one-line text for the person's terminal: no control characters or escapes, one line, capped. */
function forPerson(text: string, max: number): string {
  return shorten(oneLineForTerminal(text).replace(/\s+/g, ' ').trim(), max);
}

/**
 * What the person at the keyboard sees next to Claude Code's permission dialog (the hook's
 * `systemMessage`; Claude Code shows them the dialog but not the hook's reason): who holds the
 * claim, on what, why, and how to reach them. Every peer-written part (name, project, pattern,
 * reason) is stripped of controls and kept on one line; the file path and the owner's code are
 * stripped too.
 */
export function claimNotice(file: string, claims: LiveClaim[], decision: 'ask' | 'deny'): string | undefined {
  const claim = claims[0];
  if (!claim) return undefined;
  const human = claim.owner === 'human';
  const code = forPerson(claim.owner, 16);
  const owner = human ? 'the human at the intercom CLI' : `agent ${code}${claim.owner_name ? ` (${forPerson(claim.owner_name, 60)})` : ''}`;
  const until = new Date(claim.expires_at).toISOString().slice(11, 16);
  const held = decision === 'deny' ? 'intercom refused this edit' : 'intercom holds this edit for you';
  const why = claim.reason ? `, reason: "${forPerson(claim.reason, 200)}"` : ', no reason given';
  const reach = human
    ? 'it was claimed from the intercom CLI (`intercom claims` lists it)'
    : `reach them with: \`intercom send ${code} "<your message>"\``;
  return (
    `${held}: ${forPerson(file, 200)} is claimed by ${owner} on ${forPerson(claim.project, 60)} ` +
    `(pattern "${forPerson(claim.pattern, 120)}", until ${until} UTC)${why}; ${reach}`
  );
}
