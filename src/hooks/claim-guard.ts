// What the edit guard says when a file is claimed by someone else: whose claim, why, until when,
// and how to reach them.
import type { LiveClaim } from '../store/index.ts';

export function claimWarning(file: string, claims: LiveClaim[]): string | undefined {
  const claim = claims[0];
  if (!claim) return undefined;
  const owner = claim.owner === 'human' ? 'the human at the intercom CLI' : `agent ${claim.owner}${claim.owner_name ? ` (${claim.owner_name})` : ''}`;
  const until = new Date(claim.expires_at).toISOString().slice(11, 16);
  const reach = claim.owner === 'human' ? 'check with your user' : `ask them first (intercom send or ask to "${claim.owner}")`;
  return (
    `intercom: ${file} is claimed by ${owner} on ${claim.project} ("${claim.pattern}", until ${until} UTC)` +
    `${claim.reason ? `, for "${claim.reason}"` : ''}. Editing it may collide with their work: ${reach}, or wait until they release it.`
  );
}
