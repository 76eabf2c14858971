// File claims: an agent says "I am working on src/auth/**" for a while; others are warned or
// asked before they edit those files. One file per owner, rewritten only by that owner; the
// check for overlapping claims and the write happen under one cross-process lock, so two agents
// can never both claim the same files. Claims end at their TTL or when their owner dies.
// Across machines (docs/relay.md) the claims of other machines on the same project (by project
// key) count too, as the relay mirrors them; the relay settles races between machines by the
// claims bucket's order (the earlier claim stands), and a claim it withdraws is removed here.
import { IntercomError } from '../core/errors.ts';
import { assertPlainText, sliceChars } from '../core/text.ts';
import { HUMAN, isCode } from '../core/ids.ts';
import type { Agents } from './agents.ts';
import type { Mesh } from './mesh.ts';
import { withLock } from './claims-lock.ts';
import { baseMatches, normalizePattern, patternBase, patternMatches, patternsOverlap, relativeInside } from './claim-patterns.ts';
import type { StoreContext } from './context.ts';
import { isoNow } from './context.ts';
import { normalizePath } from '../core/paths.ts';
import { listNames, realPathOf, removeIfPresent, replaceFile } from './files.ts';
import { listRecordNames, readRecord } from './records.ts';
import { isFutureStamp } from './log-scan.ts';
import { label, quoted } from '../core/peer-text.ts';
import type { ClaimsRecord } from './schema.ts';
import { CLAIM_TTL_MINUTES, MAX_CLAIM_PATTERNS, inRange, rangeText } from '../core/ranges.ts';

export interface ClaimOwner {
  /** Agent code, or "human". */
  code: string;
  name?: string | undefined;
  project: string;
  projectRoot: string;
  /** The project on every machine (core/project.ts projectKey): claims of other machines on it count. */
  projectKey?: string | undefined;
}

export interface LiveClaim {
  /** Agent code, "human", or code@machine for an owner on another machine. */
  owner: string;
  owner_name?: string;
  project: string;
  /** The folder its patterns are relative to; for a claim of another machine, the folder there. */
  project_root: string;
  /** Set for a claim held on another machine. */
  machine?: string;
  project_key?: string;
  pattern: string;
  reason?: string;
  created_at: string;
  expires_at: string;
}

export function createClaims(ctx: StoreContext, agents: Agents, mesh: Mesh) {
  const { layout } = ctx;

  /**
   * Claims in force on other machines: unexpired, of a machine that is up (a gone machine's
   * claims are void, as a dead agent's are), as the relay last mirrored them. None while no relay runs.
   */
  async function remote(projectKey?: string): Promise<LiveClaim[]> {
    const records = await mesh.allClaims();
    if (records.length === 0) return [];
    const view = await mesh.view();
    if (!view.relay) return [];
    const now = ctx.clock.now();
    const out: LiveClaim[] = [];
    for (const record of records) {
      if (projectKey !== undefined && record.project_key !== projectKey) continue;
      for (const c of record.claims) {
        if (c.machine === view.relay.machine || view.machines.get(c.machine)?.state !== 'up') continue;
        // Its time to live, counted from when this machine's relay saw it: the claiming machine's
        // clock (ahead or behind) decides nothing here.
        if (now >= Date.parse(c.seen_at) + c.ttl_ms) continue;
        out.push({
          owner: `${c.owner}@${c.machine}`,
          ...(c.owner_name ? { owner_name: c.owner_name } : {}),
          project: c.project,
          project_root: c.project_root,
          machine: c.machine,
          project_key: record.project_key,
          pattern: c.pattern,
          ...(c.reason ? { reason: c.reason } : {}),
          created_at: c.created_at,
          expires_at: new Date(Date.parse(c.seen_at) + c.ttl_ms).toISOString(),
        });
      }
    }
    return out;
  }

  async function readOwner(owner: string): Promise<ClaimsRecord | undefined> {
    return readRecord(layout, 'claims', layout.claimsFile(owner), ctx.report, ctx.clock.now());
  }

  /**
   * Every claim in force: unexpired, held by a live agent (or a person). `underLock`: the caller
   * holds the claims lock, so dead owners' files may be removed (only the lock holder deletes
   * another owner's file: a resumed agent may be writing a fresh one under the same code).
   */
  async function all(underLock = false): Promise<LiveClaim[]> {
    const now = ctx.clock.now();
    const out: LiveClaim[] = [];
    // A file planted under a name that is no owner would fail every reader: quarantined instead.
    const names = await listRecordNames(
      layout,
      layout.claims,
      (stem) => stem === HUMAN || isCode(stem),
      'claim owner (an agent code or "human")',
      ctx.report,
      now,
    );
    for (const name of names) {
      const owner = name.slice(0, -'.json'.length);
      const record = await readOwner(owner);
      if (!record) continue;
      const agent = owner === HUMAN ? undefined : await agents.getLive(owner);
      if (owner !== HUMAN && !agent) {
        if (underLock) await removeIfPresent(layout.claimsFile(owner)); // claims vanish with their owner
        continue;
      }
      for (const c of record.claims) {
        if (Date.parse(c.expires_at) <= now) continue;
        // Made by a clock that was fast: it would hold far longer than any TTL allows. Not in force.
        if (isFutureStamp(Date.parse(c.created_at), now)) continue;
        out.push({
          owner,
          ...(agent?.name ? { owner_name: agent.name } : {}),
          project: record.project,
          ...(record.project_key ? { project_key: record.project_key } : {}),
          project_root: record.project_root,
          pattern: c.pattern,
          ...(c.reason ? { reason: c.reason } : {}),
          created_at: c.created_at,
          expires_at: c.expires_at,
        });
      }
    }
    return out;
  }

  async function claim(
    owner: ClaimOwner,
    paths: string[],
    ttlMinutes: number = CLAIM_TTL_MINUTES.default,
    reason?: string,
  ): Promise<LiveClaim[]> {
    if (paths.length === 0 || paths.length > MAX_CLAIM_PATTERNS)
      throw new IntercomError('BAD_INPUT', `claim 1-${MAX_CLAIM_PATTERNS} paths or globs, e.g. ["src/auth/**"]`);
    if (!inRange(ttlMinutes, CLAIM_TTL_MINUTES)) {
      throw new IntercomError('BAD_INPUT', `a claim's time to live must be ${rangeText(CLAIM_TTL_MINUTES)} (a day); claim again to extend`);
    }
    // Patterns and reason are shown in terminals and to models: one line, no control characters.
    for (const [i, p] of paths.entries())
      assertPlainText(paths.length > 1 ? `claim pattern ${i + 1}` : 'claim pattern', p, { oneLine: true });
    if (reason !== undefined) assertPlainText('claim reason', reason, { oneLine: true });
    const patterns = [...new Set(paths.map((p) => toPattern(p, owner.projectRoot)))];
    return withLock(layout, async () => {
      const real = realPaths();
      // The same checkout reached through a symlinked folder is the same project.
      const others = [
        ...(await all(true)).filter(
          (c) => c.owner !== owner.code && (c.project_root === owner.projectRoot || real(c.project_root) === real(owner.projectRoot)),
        ),
        ...(owner.projectKey ? await remote(owner.projectKey) : []),
      ];
      const clashes = patterns.flatMap((p) => others.filter((c) => patternsOverlap(p, c.pattern)).map((c) => ({ p, c })));
      if (clashes.length) {
        const { p, c } = clashes[0]!;
        throw new IntercomError(
          'CONFLICT',
          // The holder's pattern, name and reason are peer text: quoted and made inert.
          `${quoted(p)} overlaps ${quoted(c.pattern)}, claimed by ${c.owner}${c.owner_name ? ` (${label(c.owner_name)})` : ''} until ${c.expires_at}` +
            `${c.reason ? ` for ${quoted(c.reason)}` : ''}; nothing was claimed.`,
          { next: { op: 'send', or: { op: 'ask' }, why: `to reach ${c.owner}, or claim other files` } },
        );
      }
      const now = ctx.clock.now();
      const previous = await readOwner(owner.code);
      // Keep our unexpired claims on other patterns; (re)claiming a pattern renews it.
      const kept = (previous?.project_root === owner.projectRoot ? previous.claims : []).filter(
        (c) => Date.parse(c.expires_at) > now && !patterns.includes(c.pattern),
      );
      const created = isoNow(ctx);
      const expires = new Date(now + ttlMinutes * 60_000).toISOString();
      const fresh = patterns.map((pattern) => ({
        pattern,
        ...(reason ? { reason: sliceChars(reason, 200) } : {}),
        created_at: created,
        expires_at: expires,
      }));
      const record: ClaimsRecord = {
        v: 1,
        owner: owner.code,
        ...(owner.name ? { owner_name: owner.name } : {}),
        project: owner.project,
        ...(owner.projectKey ? { project_key: owner.projectKey } : {}),
        project_root: owner.projectRoot,
        claims: [...kept, ...fresh],
      };
      await replaceFile(layout, layout.claimsFile(owner.code), layout.claims, `${JSON.stringify(record)}\n`, now);
      return fresh.map((c) => ({
        owner: owner.code,
        ...(owner.name ? { owner_name: owner.name } : {}),
        project: owner.project,
        project_root: owner.projectRoot,
        ...c,
      }));
    });
  }

  /** Release some patterns (as typed, or normalised), or every claim when none are given. Returns what was released. */
  async function release(owner: ClaimOwner, paths?: string[]): Promise<string[]> {
    return withLock(layout, async () => {
      const record = await readOwner(owner.code);
      if (!record) return [];
      const wanted = paths?.length ? new Set(paths.map((p) => toPattern(p, owner.projectRoot))) : undefined;
      const released = record.claims.filter((c) => !wanted || wanted.has(c.pattern)).map((c) => c.pattern);
      const kept = record.claims.filter((c) => wanted && !wanted.has(c.pattern));
      if (kept.length === 0) await removeIfPresent(layout.claimsFile(owner.code));
      else
        await replaceFile(
          layout,
          layout.claimsFile(owner.code),
          layout.claims,
          `${JSON.stringify({ ...record, claims: kept })}\n`,
          ctx.clock.now(),
        );
      return released;
    });
  }

  /**
   * Claims by others that cover `file` (an absolute path), however it is spelled: as typed
   * ("..", "//", "." collapsed), and by real paths, so an edit through a symlink (a checkout
   * reached through a linked folder, a link to the claimed folder or file from elsewhere, a file
   * not created yet under a linked folder) is recognised. Both the claim's root and the claimed
   * folder are resolved too.
   */
  async function covering(file: string, except?: string): Promise<LiveClaim[]> {
    const local = (await listNames(layout.claims)).length > 0;
    const mirrored = (await listNames(layout.remoteClaims)).length > 0;
    if (!local && !mirrored) return []; // the common case: nobody claims anything
    const claims = [...(local ? await all() : []), ...(mirrored ? await mapRemote(await remote()) : [])].filter((c) => c.owner !== except);
    if (claims.length === 0) return [];
    const real = realPaths();
    // "a/link/../b": the kernel walks ".." from where the link points, a lexical reading does not;
    // both spellings are checked.
    const spellings = [...new Set([normalizePath(file), real(file)])];
    return claims.filter((c) => {
      for (const root of new Set([normalizePath(c.project_root), real(c.project_root)])) {
        for (const f of spellings) {
          const rel = relativeInside(root, f);
          if (rel !== undefined && patternMatches(c.pattern, rel)) return true;
        }
      }
      // The claimed folder (or file) itself may be a symlink inside the tree ("lib/auth" → "src/auth").
      const { dir, rest } = patternBase(c.pattern);
      if (dir === '') return false;
      const realDir = real(`${c.project_root}/${dir}`);
      return realDir !== `${real(c.project_root)}/${dir}` && spellings.some((f) => baseMatches(realDir, rest, f));
    });
  }

  /**
   * Another machine's claims apply here to the same project's checkout on this machine: each one
   * once per local root of that project key (the roots of live agents on it), with that root.
   */
  async function mapRemote(claims: LiveClaim[]): Promise<LiveClaim[]> {
    if (claims.length === 0) return [];
    const roots = new Map<string, Set<string>>();
    for (const agent of await agents.live()) {
      if (!agent.project_key) continue;
      const set = roots.get(agent.project_key) ?? new Set<string>();
      set.add(agent.project_root);
      roots.set(agent.project_key, set);
    }
    return claims.flatMap((c) => [...(roots.get(c.project_key ?? '') ?? [])].map((root) => ({ ...c, project_root: root })));
  }

  /** realPathOf, memoised for one check (a few syscalls per path, on the slow path only). */
  function realPaths(): (path: string) => string {
    const seen = new Map<string, string>();
    return (path) => {
      let out = seen.get(path);
      if (out === undefined) {
        out = realPathOf(path);
        seen.set(path, out);
      }
      return out;
    };
  }

  /**
   * normalizePattern, also accepting an absolute path spelled through a symlink of the project
   * root (the checkout reached through a linked folder): it is taken relative to the real root.
   */
  function toPattern(input: string, projectRoot: string): string {
    try {
      return normalizePattern(input, projectRoot);
    } catch (error) {
      const trimmed = input.trim();
      if (!trimmed.startsWith('/')) throw error;
      const realRoot = realPathOf(projectRoot);
      const realInput = `${realPathOf(trimmed)}${trimmed.endsWith('/') ? '/' : ''}`;
      if (realRoot === normalizePath(projectRoot) && realInput === trimmed) throw error;
      if (!realInput.startsWith(`${realRoot}/`) && realInput !== realRoot) throw error;
      return normalizePattern(realInput.slice(realRoot.length + 1) || '.', projectRoot);
    }
  }

  /** Every claim in force: this machine's, then other machines' (as the relay mirrors them). */
  async function everywhere(): Promise<LiveClaim[]> {
    return [...(await all()), ...(await remote())];
  }

  return { all, everywhere, remote, claim, release, covering };
}

export type Claims = ReturnType<typeof createClaims>;
