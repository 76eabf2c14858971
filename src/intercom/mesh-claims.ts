// Claims across machines (docs/relay.md "Claims"). Each machine publishes its own claims on a
// project under its own key of the claims bucket (`<project hash>.<machine>`), which server
// permissions let no other machine write, so none can take away or forge another's claims. Who
// was first is the bucket's own order: every relay sees every entry at the same revision, so of
// two overlapping claims the one first seen at the lower revision stands, and the other machine's
// relay withdraws its own, the same way on both sides, whatever the machines' clocks say.
import type { LiveClaim } from '../store/claims.ts';
import { patternsOverlap } from '../store/claim-patterns.ts';
import type { MirroredClaim, RemoteClaim } from '../store/schema.ts';
import { sliceChars } from '../core/text.ts';

/** A local claim in force, as this machine publishes it (only claims with a project key go there). */
export function claimToWire(claim: LiveClaim, here: string): RemoteClaim {
  return {
    machine: here,
    owner: claim.owner,
    ...(claim.owner_name ? { owner_name: claim.owner_name } : {}),
    project: sliceChars(claim.project, 200),
    project_root: sliceChars(claim.project_root, 1000),
    pattern: claim.pattern,
    ...(claim.reason ? { reason: claim.reason } : {}),
    created_at: claim.created_at,
    expires_at: claim.expires_at,
  };
}

/** One claim across renewals: the same machine, owner and pattern. */
export function claimRef(claim: Pick<RemoteClaim, 'machine' | 'owner' | 'pattern'>): string {
  return `${claim.machine}|${claim.owner}|${claim.pattern}`;
}

/** Whether a mirrored claim holds at `now` (epoch ms, this machine's clock): within its TTL of when it was seen. */
export function claimInForce(claim: Pick<MirroredClaim, 'seen_at' | 'ttl_ms'>, now: number): boolean {
  return now < Date.parse(claim.seen_at) + claim.ttl_ms;
}

/**
 * The claims that lose to another machine's: each overlaps a claim in force of a machine that is
 * up (`isUp`), first seen at a lower revision. `here`: only this machine's (its relay withdraws
 * them); without it, every machine's (each is withdrawn by its own relay soon, and is left out
 * of the mirror meanwhile, so every machine shows the same winner at once).
 */
export function losingClaims(
  claims: MirroredClaim[],
  here: string | undefined,
  now: number,
  isUp: (machine: string) => boolean,
): { claim: MirroredClaim; by: MirroredClaim }[] {
  const losers: { claim: MirroredClaim; by: MirroredClaim }[] = [];
  for (const claim of claims) {
    if (here !== undefined && claim.machine !== here) continue;
    const by = claims.find(
      (o) =>
        o.machine !== claim.machine &&
        o.order < claim.order &&
        isUp(o.machine) &&
        claimInForce(o, now) &&
        patternsOverlap(claim.pattern, o.pattern),
    );
    if (by) losers.push({ claim, by });
  }
  return losers;
}
