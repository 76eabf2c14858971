// A claim, made here and then settled with the other machines of the mesh (docs/relay.md): the
// relay writes it under this machine's key of the claims bucket and either mirrors it back (no
// earlier overlapping claim: it holds everywhere) or withdraws it (another machine claimed
// overlapping files first). The claim call waits for that answer, briefly, so that "claimed"
// means claimed.
import { IntercomError } from '../core/errors.ts';
import { quoted } from '../core/peer-text.ts';
import { projectKeyHash } from '../core/project.ts';
import type { ClaimOwner, LiveClaim } from '../store/claims.ts';
import type { Store } from '../store/index.ts';

/** How long (ms) a claim waits for the relay's answer before it reports "not confirmed yet". */
export const MESH_CLAIM_WAIT_MS = 3_000;
const POLL_MS = 25;

export interface ClaimResult {
  claimed: LiveClaim[];
  /**
   * `local`: no relay runs (one machine); `confirmed`: other machines hold no overlapping claim;
   * `pending`: the relay did not answer in time, or its link is down (it settles when it can).
   */
  mesh: 'local' | 'confirmed' | 'pending';
  note?: string;
}

export async function claimInMesh(
  store: Store,
  owner: ClaimOwner,
  paths: string[],
  ttlMinutes?: number,
  reason?: string,
  waitMs = MESH_CLAIM_WAIT_MS,
): Promise<ClaimResult> {
  const heldBefore = new Set((await store.claims.all()).filter((c) => c.owner === owner.code).map((c) => c.pattern));
  const claimed = await store.claims.claim(owner, paths, ttlMinutes, reason);
  const relay = await store.mesh.relay();
  if (!relay || !owner.projectKey) return { claimed, mesh: 'local' };
  const pending = (why: string): ClaimResult => ({ claimed, mesh: 'pending', note: `held here; ${why}` });
  if (relay.link !== 'up') return pending(`not yet checked with other machines: the relay's link is ${relay.link}`);
  const hash = projectKeyHash(owner.projectKey);
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const entry = await store.mesh.claimsOf(hash);
    const confirmed = (c: LiveClaim) =>
      entry?.claims.some(
        (m) => m.machine === relay.machine && m.owner === owner.code && m.pattern === c.pattern && m.expires_at === c.expires_at,
      );
    if (claimed.every(confirmed)) return { claimed, mesh: 'confirmed' };
    const mine = new Set((await store.claims.all()).filter((c) => c.owner === owner.code).map((c) => c.pattern));
    if (claimed.some((c) => !mine.has(c.pattern))) {
      // One claim call is all or nothing: what it newly claimed and the mesh did not refuse is
      // released too (a pattern held before the call, and renewed by it, stays).
      const rest = claimed.map((c) => c.pattern).filter((p) => mine.has(p) && !heldBefore.has(p));
      if (rest.length) await store.claims.release(owner, rest);
      throw await refused(store, owner.code, claimed);
    }
    await Bun.sleep(POLL_MS);
  }
  return pending('other machines have not confirmed it yet (the relay settles it: `claims` shows it while it holds)');
}

async function refused(store: Store, owner: string, claimed: LiveClaim[]): Promise<IntercomError> {
  const why = await store.mesh.refusal(owner);
  const what = claimed.map((c) => quoted(c.pattern)).join(', ');
  const by = why
    ? `${quoted(why.held_pattern)}, claimed by ${why.held_by} first${why.reason ? ` for ${quoted(why.reason)}` : ''}`
    : 'a claim on another machine';
  return new IntercomError('CONFLICT', `${what} overlaps ${by}; nothing was claimed.`, {
    next: { op: 'send', or: { op: 'ask' }, why: `to reach ${why?.held_by ?? 'its owner'}, or claim other files` },
  });
}
