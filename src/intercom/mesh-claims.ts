// Claims across machines (docs/relay.md): how one machine's claims on a project go into the
// project's entry of the mesh's claims bucket. The relay reads the entry, merges with this, and
// writes it back with compare-and-set on its revision (retrying a lost race), so of two machines
// claiming overlapping files at once, the first write wins and the other's claim is refused.
import { patternsOverlap } from '../store/claim-patterns.ts';
import type { LiveClaim } from '../store/claims.ts';
import type { RemoteClaim } from '../store/schema.ts';
import { sliceChars } from '../core/text.ts';

export interface ClaimsMerge {
  /** The entry's claims after the merge. */
  next: RemoteClaim[];
  /** This machine's claims that overlap another machine's, which got there first: to be withdrawn here. */
  refused: { claim: RemoteClaim; by: RemoteClaim }[];
  /** Whether `next` differs from the entry as it was. */
  changed: boolean;
}

/** A local claim in force, as the claims bucket holds it (only claims with a project key go there). */
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

const sameClaim = (a: RemoteClaim, b: RemoteClaim) => a.machine === b.machine && a.owner === b.owner && a.pattern === b.pattern;
const canonical = (claims: RemoteClaim[]) =>
  JSON.stringify([...claims].sort((a, b) => `${a.machine} ${a.owner} ${a.pattern}`.localeCompare(`${b.machine} ${b.owner} ${b.pattern}`)));

/**
 * Merge `mine` (this machine's claims in force on the project) into the entry's `current`
 * claims. Other machines' claims stay as they are, less the expired ones; a claim of mine that
 * the entry does not hold yet and that overlaps another machine's claim in force (its machine up:
 * `isUp`) is refused. `now`: epoch ms.
 */
export function mergeClaims(
  current: RemoteClaim[],
  mine: RemoteClaim[],
  here: string,
  now: number,
  isUp: (machine: string) => boolean,
): ClaimsMerge {
  const live = (c: RemoteClaim) => Date.parse(c.expires_at) > now;
  const others = current.filter((c) => c.machine !== here && live(c));
  const held = current.filter((c) => c.machine === here);
  const accepted: RemoteClaim[] = [];
  const refused: ClaimsMerge['refused'] = [];
  for (const claim of mine) {
    const by = held.some((h) => sameClaim(h, claim))
      ? undefined
      : others.find((o) => isUp(o.machine) && patternsOverlap(claim.pattern, o.pattern));
    if (by) refused.push({ claim, by });
    else accepted.push(claim);
  }
  const next = [...others, ...accepted];
  return { next, refused, changed: canonical(next) !== canonical(current) };
}
