// This machine's claims in the mesh's claims bucket, and every machine's claims mirrored back
// (docs/relay.md "Claims"). On every change of the local claims (and every minute, to drop expired
// ones) this machine's entry of each project it claims in (`<project hash>.<machine>`) is written
// when it changed. Every machine's entries are watched: a claim gets its order (the revision it
// was first seen at), the claims of this machine that lose to an earlier overlapping one are
// withdrawn here (the refusal is recorded for the `claim` call that waits on it), and the
// project's claims on every machine are mirrored into the store for `claim`, `claims`, `who` and
// the edit guard to read.
import type { KvWatchEntry } from '@nats-io/kv';
import { describeError } from '../core/errors.ts';
import { isMachine } from '../core/ids.ts';
import { projectKeyHash } from '../core/project.ts';
import type { Intercom } from '../intercom/index.ts';
import { claimRef, claimToWire, losingClaims } from '../intercom/mesh-claims.ts';
import { claimsFromWire, claimsToWire } from '../intercom/wire.ts';
import type { MirroredClaim, RemoteClaim } from '../store/schema.ts';
import type { MeshLink } from './setup.ts';

/** Expired claims leave the bucket at least this often (ms). */
const REFRESH_MS = 60_000;

export interface ClaimsSync {
  kick(): void;
  /** Settle every project again: a machine came up or went, so another set of claims is in force. */
  resettle(): void;
  stop(): void;
}

/** What this relay knows of one claim: its order, and when it (or its latest renewal) was first seen here. */
interface Seen {
  order: number;
  seenAt: number;
  createdAt: string;
}

export function startClaimsSync(deps: {
  intercom: Intercom;
  here: string;
  link: MeshLink;
  isUp: (machine: string) => boolean;
  log: (line: string) => void;
}): ClaimsSync {
  const { intercom, here, link } = deps;
  const now = () => intercom.clock.now();
  /** Every machine's claims by project hash, then machine, as last read from the bucket. */
  const entries = new Map<string, { projectKey: string; machines: Map<string, RemoteClaim[]> }>();
  /** Order and sighting of each claim, by claimRef. */
  const seen = new Map<string, Seen>();
  /** What this machine last wrote for each project hash (JSON), to write changes only. */
  const written = new Map<string, string>();
  let stopped = false;
  let running = false;
  let again = false;
  let lastError = '';
  const iterators: { stop(): void }[] = [];

  const report = (what: string, error: unknown) => {
    const why = `${what} (${describeError(error)})`;
    if (why !== lastError) deps.log(`intercom relay: ${why}`);
    lastError = why;
  };

  /** Publish this machine's claims: one entry per project it claims in, removed when it has none left. */
  async function round(): Promise<void> {
    const mine = new Map<string, { projectKey: string; claims: RemoteClaim[] }>();
    for (const claim of await intercom.claims.all()) {
      if (!claim.project_key) continue; // made before project keys existed: stays on this machine
      const hash = projectKeyHash(claim.project_key);
      const project = mine.get(hash) ?? { projectKey: claim.project_key, claims: [] };
      project.claims.push(claimToWire(claim, here));
      mine.set(hash, project);
    }
    for (const [hash, { projectKey, claims }] of mine) {
      const value = claimsToWire(projectKey, here, claims);
      if (written.get(hash) === value) continue;
      await link.claims.put(`${hash}.${here}`, value);
      written.set(hash, value);
    }
    for (const hash of [...written.keys()]) {
      if (mine.has(hash)) continue;
      await link.claims.delete(`${hash}.${here}`);
      written.delete(hash);
    }
  }

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await round();
      } while (again && !stopped);
      lastError = '';
    } catch (error) {
      report("could not share this machine's claims; trying again", error);
    } finally {
      running = false;
    }
  }

  /** The project's claims as mirrored: each with its order, and its time to live from when it was seen. */
  function mirrored(hash: string): MirroredClaim[] {
    const out: MirroredClaim[] = [];
    for (const claims of entries.get(hash)?.machines.values() ?? []) {
      for (const c of claims) {
        const s = seen.get(claimRef(c))!;
        const ttl = Math.max(0, Date.parse(c.expires_at) - Date.parse(c.created_at));
        out.push({ ...c, order: s.order, seen_at: new Date(s.seenAt).toISOString(), ttl_ms: ttl });
      }
    }
    return out;
  }

  /** Withdraw this machine's claims that lose to an earlier one, then mirror the project. */
  async function settle(hash: string): Promise<void> {
    const project = entries.get(hash);
    if (!project) return;
    let claims = mirrored(hash);
    const losers = losingClaims(claims, undefined, now(), deps.isUp);
    for (const { claim, by } of losers) if (claim.machine === here) await refuse(claim, by);
    if (losers.length) {
      // Another machine's losers are its relay's to withdraw; until it does, they are not shown.
      const lost = new Set(losers.map((l) => claimRef(l.claim)));
      claims = claims.filter((c) => !lost.has(claimRef(c)));
      const ours = project.machines.get(here)?.filter((c) => !lost.has(claimRef(c)));
      if (ours) project.machines.set(here, ours);
    }
    if (claims.length === 0) await intercom.mesh.removeClaims(hash);
    else await intercom.mesh.writeClaims(hash, { v: 1, project_key: project.projectKey, claims });
  }

  /** Another machine claimed overlapping files first: withdraw ours, and say why for the waiting `claim`. */
  async function refuse(claim: RemoteClaim, by: RemoteClaim): Promise<void> {
    // The why first: a `claim` call waiting on it reads it as soon as its claim is gone.
    await intercom.mesh.writeRefusal({
      v: 1,
      owner: claim.owner,
      patterns: [claim.pattern],
      held_by: `${by.owner}@${by.machine}`,
      held_pattern: by.pattern,
      ...(by.reason ? { reason: by.reason } : {}),
      at: new Date(now()).toISOString(),
    });
    await intercom.claims.release({ code: claim.owner, project: claim.project, projectRoot: claim.project_root }, [claim.pattern]);
    deps.log(
      `intercom relay: withdrew ${claim.owner}'s claim on ${JSON.stringify(claim.pattern)}: ${by.owner}@${by.machine} claimed it first`,
    );
  }

  async function onEntry(entry: KvWatchEntry): Promise<void> {
    const [hash, machine, ...rest] = entry.key.split('.');
    if (!hash || !machine || rest.length || !/^p[0-9a-f]{24}$/.test(hash) || !isMachine(machine)) return;
    let claims: RemoteClaim[] = [];
    let projectKey = entries.get(hash)?.projectKey;
    if (entry.operation === 'PUT') {
      const parsed = await claimsFromWire(entry.string(), machine);
      if (!parsed.ok || projectKeyHash(parsed.value.projectKey) !== hash) {
        deps.log(
          `intercom relay: ignored the claims of ${machine}: ${parsed.ok ? 'its project key is not the one its key names' : parsed.reason}`,
        );
        return;
      }
      if (parsed.value.dropped) deps.log(`intercom relay: ignored ${parsed.value.dropped} malformed claim(s) of ${machine}`);
      claims = parsed.value.claims;
      projectKey = parsed.value.projectKey;
    }
    if (projectKey === undefined) return; // a removal of something never seen
    const project = entries.get(hash) ?? { projectKey, machines: new Map<string, RemoteClaim[]>() };
    const before = new Set((project.machines.get(machine) ?? []).map(claimRef));
    const after = new Set(claims.map(claimRef));
    for (const ref of before) if (!after.has(ref)) seen.delete(ref);
    for (const c of claims) {
      const ref = claimRef(c);
      const known = seen.get(ref);
      if (!known) seen.set(ref, { order: entry.revision, seenAt: now(), createdAt: c.created_at });
      else if (known.createdAt !== c.created_at) seen.set(ref, { ...known, seenAt: now(), createdAt: c.created_at }); // renewed: same place
    }
    if (claims.length) project.machines.set(machine, claims);
    else project.machines.delete(machine);
    entries.set(hash, project);
    if (machine === here) written.set(hash, entry.operation === 'PUT' ? entry.string() : '');
    await settle(hash);
  }

  async function follow(): Promise<void> {
    while (!stopped) {
      try {
        const watch = await link.claims.watch();
        iterators.push(watch);
        for await (const entry of watch) {
          await onEntry(entry).catch((error) => report('mirroring claims', error));
          if (stopped) break;
        }
      } catch (error) {
        if (!stopped) report('watching claims', error);
      }
      if (!stopped) await Bun.sleep(1_000);
    }
  }

  // Expiry and machines coming and going change what holds without any entry changing.
  const refresh = setInterval(() => {
    void run();
    for (const hash of entries.keys()) void settle(hash).catch((error) => report('mirroring claims', error));
  }, REFRESH_MS);
  void follow();
  // What this machine wrote before (a restart): rewriting an unchanged entry would give its claims
  // a later revision, and with it a later place in the order, than they had.
  void (async () => {
    try {
      for await (const key of await link.claims.keys(`*.${here}`)) {
        const entry = await link.claims.get(key);
        if (entry?.operation === 'PUT') written.set(key.slice(0, key.indexOf('.')), entry.string());
      }
    } catch (error) {
      report("could not read this machine's earlier claims", error);
    }
    await run();
  })();
  return {
    kick: () => void run(),
    resettle() {
      for (const hash of entries.keys()) void settle(hash).catch((error) => report('mirroring claims', error));
    },
    stop() {
      stopped = true;
      clearInterval(refresh);
      for (const it of iterators) it.stop();
    },
  };
}
