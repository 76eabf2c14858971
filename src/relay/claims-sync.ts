// This machine's claims in the mesh's claims bucket, and every machine's claims mirrored back
// (docs/relay.md). On every change of the local claims (and every minute, to drop expired ones)
// each project's entry is merged (intercom/mesh-claims.ts) and written with compare-and-set on
// its revision; a claim another machine made first is withdrawn here, and the refusal recorded
// for the `claim` call that waits on it.
import type { KvEntry, KvWatchEntry } from '@nats-io/kv';
import { describeError } from '../core/errors.ts';
import { projectKeyHash } from '../core/project.ts';
import type { Intercom } from '../intercom/index.ts';
import { claimToWire, mergeClaims } from '../intercom/mesh-claims.ts';
import { claimsFromWire } from '../intercom/wire.ts';
import type { RemoteClaim } from '../store/schema.ts';
import type { MeshLink } from './setup.ts';

/** Compare-and-set attempts per project before the next round. */
const CAS_ATTEMPTS = 20;
/** Expired claims leave the bucket at least this often (ms). */
const REFRESH_MS = 60_000;

export interface ClaimsSync {
  kick(): void;
  stop(): void;
}

export function startClaimsSync(deps: {
  intercom: Intercom;
  here: string;
  link: MeshLink;
  isUp: (machine: string) => boolean;
  log: (line: string) => void;
}): ClaimsSync {
  const { intercom, here, link } = deps;
  /** Project keys this machine has claims in, as last written. */
  const written = new Set<string>();
  let stopped = false;
  let running = false;
  let again = false;
  let lastError = '';
  const iterators: { stop(): void }[] = [];

  async function readEntry(hash: string, key: string): Promise<{ claims: RemoteClaim[]; revision: number }> {
    const entry = await link.claims.get(hash);
    if (entry?.operation !== 'PUT') return { claims: [], revision: entry?.revision ?? 0 };
    const parsed = await claimsFromWire(entry.string(), key);
    return { claims: parsed.ok ? parsed.value.entry.claims : [], revision: entry.revision };
  }

  async function syncProject(key: string, mine: RemoteClaim[]): Promise<void> {
    const hash = projectKeyHash(key);
    for (let attempt = 0; attempt < CAS_ATTEMPTS && !stopped; attempt++) {
      const { claims, revision } = await readEntry(hash, key);
      const merge = mergeClaims(claims, mine, here, intercom.clock.now(), deps.isUp);
      if (merge.changed) {
        const value = JSON.stringify({ v: 1, project_key: key, claims: merge.next });
        try {
          const next = revision > 0 ? await link.claims.update(hash, value, revision) : await link.claims.create(hash, value);
          await mirror(hash, key, merge.next, next);
        } catch (error) {
          if (/wrong last sequence|key exists|10071/i.test(describeError(error))) continue; // lost the race: read again
          throw error;
        }
      }
      for (const { claim, by } of merge.refused) await refuse(claim, by);
      return;
    }
  }

  /** Another machine claimed overlapping files first: withdraw ours, and say why for the waiting `claim`. */
  async function refuse(claim: RemoteClaim, by: RemoteClaim): Promise<void> {
    await intercom.claims.release({ code: claim.owner, project: claim.project, projectRoot: claim.project_root }, [claim.pattern]);
    await intercom.mesh.writeRefusal({
      v: 1,
      owner: claim.owner,
      patterns: [claim.pattern],
      held_by: `${by.owner}@${by.machine}`,
      held_pattern: by.pattern,
      ...(by.reason ? { reason: by.reason } : {}),
      at: new Date(intercom.clock.now()).toISOString(),
    });
    deps.log(
      `intercom relay: refused ${claim.owner}'s claim on ${JSON.stringify(claim.pattern)}: ${by.owner}@${by.machine} claimed it first`,
    );
  }

  async function mirror(hash: string, key: string, claims: RemoteClaim[], revision: number): Promise<void> {
    if (claims.length === 0) await intercom.mesh.removeClaims(hash);
    else await intercom.mesh.writeClaims(hash, { v: 1, project_key: key, revision, claims });
  }

  async function round(): Promise<void> {
    const byKey = new Map<string, RemoteClaim[]>();
    for (const claim of await intercom.claims.all()) {
      if (!claim.project_key) continue; // made before project keys existed: stays on this machine
      const list = byKey.get(claim.project_key) ?? [];
      list.push(claimToWire(claim, here));
      byKey.set(claim.project_key, list);
    }
    for (const key of new Set([...byKey.keys(), ...written])) {
      await syncProject(key, byKey.get(key) ?? []);
      if (byKey.has(key)) written.add(key);
      else written.delete(key);
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
      const why = describeError(error);
      if (why !== lastError) deps.log(`intercom relay: could not share this machine's claims (${why}); trying again`);
      lastError = why;
    } finally {
      running = false;
    }
  }

  async function onEntry(entry: KvWatchEntry | KvEntry): Promise<void> {
    if (!/^p[0-9a-f]{24}$/.test(entry.key)) return;
    if (entry.operation !== 'PUT') {
      await intercom.mesh.removeClaims(entry.key);
      return;
    }
    let key: unknown;
    try {
      key = entry.json<{ project_key?: unknown }>().project_key;
    } catch {
      key = undefined;
    }
    if (typeof key !== 'string' || projectKeyHash(key) !== entry.key) return; // not an entry of ours
    const parsed = await claimsFromWire(entry.string(), key);
    if (parsed.ok) await mirror(entry.key, key, parsed.value.entry.claims, entry.revision);
  }

  async function follow(): Promise<void> {
    while (!stopped) {
      try {
        const watch = await link.claims.watch();
        iterators.push(watch);
        for await (const entry of watch) {
          await onEntry(entry).catch((error) => deps.log(`intercom relay: mirroring claims: ${describeError(error)}`));
          if (stopped) break;
        }
      } catch (error) {
        if (!stopped) deps.log(`intercom relay: watching claims: ${describeError(error)}`);
      }
      if (!stopped) await Bun.sleep(1_000);
    }
  }

  const refresh = setInterval(() => void run(), REFRESH_MS);
  void follow();
  void run();
  return {
    kick: () => void run(),
    stop() {
      stopped = true;
      clearInterval(refresh);
      for (const it of iterators) it.stop();
    },
  };
}
