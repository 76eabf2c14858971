// store/claims: overlapping claims of another agent on the same project conflict; a claim ends at
// its TTL (by the store clock) or on release; patterns are normalised before they are stored or
// compared; claims vanish with their owner.
import { describe, expect, test } from 'bun:test';
import { existsSync } from 'node:fs';
import { MINUTE, rejection, registerDead, registerLive, tempStores } from '../helpers/store.ts';
import type { TempStore } from '../helpers/store.ts';
import type { AgentRecord } from '../../src/store/schema.ts';
import type { ClaimOwner } from '../../src/store/claims.ts';

const stores = tempStores('intercom-unit-claims-');
const ROOT = '/srv/alpha';

const owner = (agent: AgentRecord): ClaimOwner => ({
  code: agent.code,
  name: agent.name,
  project: agent.project,
  projectRoot: agent.project_root,
});

async function twoAgents(t: TempStore) {
  const a = await registerLive(t.store, { name: 'api', project: 'alpha', projectRoot: ROOT });
  const b = await registerLive(t.store, { project: 'alpha', projectRoot: ROOT });
  return { a, b };
}

describe('overlap', () => {
  test("another agent's claim on an overlapping pattern is a CONFLICT naming the holder; nothing is claimed", async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/auth/**'], 30, 'rotating keys');
    const error = await rejection(t.store.claims.claim(owner(b), ['src/auth/keys.ts', 'docs/']));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(a.code);
    expect(error.message).toContain('src/auth/**');
    expect((await t.store.claims.all()).map((c) => c.owner)).toEqual([a.code]); // docs/ was not claimed either
  });

  test('patterns that cannot cover a common file do not conflict', async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/auth/**']);
    await t.store.claims.claim(owner(b), ['src/billing.ts', 'docs/']);
    expect((await t.store.claims.all()).map((c) => `${c.owner}:${c.pattern}`).sort()).toEqual(
      [`${a.code}:src/auth/**`, `${b.code}:docs/**`, `${b.code}:src/billing.ts`].sort(),
    );
  });

  test('the same pattern on another project does not conflict', async () => {
    const t = await stores.store();
    const a = await registerLive(t.store, { project: 'alpha', projectRoot: ROOT });
    const other = await registerLive(t.store, { project: 'beta', projectRoot: '/srv/beta' });
    await t.store.claims.claim(owner(a), ['src/**']);
    await t.store.claims.claim(owner(other), ['src/**']);
    expect(await t.store.claims.all()).toHaveLength(2);
  });

  test('an agent claiming its own pattern again renews it instead of conflicting with itself', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    const [first] = await t.store.claims.claim(owner(a), ['src/auth/**'], 10);
    t.clock.advance(5 * MINUTE);
    const [renewed] = await t.store.claims.claim(owner(a), ['src/auth/'], 10);
    expect(Date.parse(renewed!.expires_at) - Date.parse(first!.expires_at)).toBe(5 * MINUTE);
    expect(await t.store.claims.all()).toHaveLength(1);
  });

  test('covering: a file under a claimed folder is covered for others, not for the holder', async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/auth/']);
    expect((await t.store.claims.covering(`${ROOT}/src/auth/deep/keys.ts`, b.code)).map((c) => c.owner)).toEqual([a.code]);
    expect(await t.store.claims.covering(`${ROOT}/src/auth/deep/keys.ts`, a.code)).toEqual([]);
    expect(await t.store.claims.covering(`${ROOT}/src/authz.ts`, b.code)).toEqual([]);
    expect(await t.store.claims.covering(`/srv/beta/src/auth/keys.ts`, b.code)).toEqual([]);
  });
});

describe('expiry', () => {
  test('a claim holds until its TTL runs out on the store clock, then another agent may claim the files', async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/auth/**'], 10);
    t.clock.advance(10 * MINUTE - 1);
    expect(await t.store.claims.all()).toHaveLength(1);
    expect((await rejection(t.store.claims.claim(owner(b), ['src/auth/keys.ts']))).code).toBe('CONFLICT');
    t.clock.advance(1);
    expect(await t.store.claims.all()).toEqual([]);
    await t.store.claims.claim(owner(b), ['src/auth/keys.ts']);
    expect((await t.store.claims.all()).map((c) => c.owner)).toEqual([b.code]);
  });

  test('a TTL outside (0, one day] is BAD_INPUT', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    for (const ttl of [0, -5, 24 * 60 + 1, Number.NaN]) {
      expect((await rejection(t.store.claims.claim(owner(a), ['src/**'], ttl))).code).toBe('BAD_INPUT');
    }
    await t.store.claims.claim(owner(a), ['src/**'], 24 * 60);
  });
});

describe('release', () => {
  test('releasing one pattern (spelled as typed or normalised) keeps the others', async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/auth/', 'docs/guide.md']);
    expect(await t.store.claims.release(owner(a), ['./src/auth/'])).toEqual(['src/auth/**']);
    expect((await t.store.claims.all()).map((c) => c.pattern)).toEqual(['docs/guide.md']);
    await t.store.claims.claim(owner(b), ['src/auth/keys.ts']); // free again
  });

  test('releasing with no patterns releases everything and removes the owner’s file', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/**', 'docs/']);
    expect((await t.store.claims.release(owner(a))).sort()).toEqual(['docs/**', 'src/**']);
    expect(await t.store.claims.all()).toEqual([]);
    expect(existsSync(t.store.layout.claimsFile(a.code))).toBe(false);
  });
});

describe('patterns are normalised', () => {
  test('a folder means everything in it; absolute paths inside the project become relative; "." and "//" collapse', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    const claimed = await t.store.claims.claim(owner(a), [`${ROOT}/src/auth/`, './docs//guide.md', ' lib/x.ts ', '.']);
    expect(claimed.map((c) => c.pattern)).toEqual(['src/auth/**', 'docs/guide.md', 'lib/x.ts', '**']);
  });

  test('the same file spelled two ways is one claim', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    const claimed = await t.store.claims.claim(owner(a), ['src/a.ts', './src/a.ts', `${ROOT}/src/a.ts`]);
    expect(claimed.map((c) => c.pattern)).toEqual(['src/a.ts']);
  });

  test('".." and paths outside the project are BAD_INPUT', async () => {
    const t = await stores.store();
    const { a } = await twoAgents(t);
    for (const bad of ['../other/x.ts', 'src/../../etc', '/etc/passwd', '']) {
      expect((await rejection(t.store.claims.claim(owner(a), [bad]))).code).toBe('BAD_INPUT');
    }
    expect(await t.store.claims.all()).toEqual([]);
  });
});

describe('claims vanish with their owner', () => {
  test("a dead agent's claims are not in force, and the files can be claimed by another", async () => {
    const t = await stores.store();
    const dead = await registerDead(t.store, { project: 'alpha', projectRoot: ROOT });
    const b = await registerLive(t.store, { project: 'alpha', projectRoot: ROOT });
    await t.store.claims.claim(owner(dead), ['src/auth/**']);
    expect(await t.store.claims.all()).toEqual([]);
    expect(await t.store.claims.covering(`${ROOT}/src/auth/keys.ts`, b.code)).toEqual([]);
    await t.store.claims.claim(owner(b), ['src/auth/**']);
    expect((await t.store.claims.all()).map((c) => c.owner)).toEqual([b.code]);
    expect(existsSync(t.store.layout.claimsFile(dead.code))).toBe(false); // removed by the claim, under the lock
  });

  test('an agent that unregisters takes its claims with it', async () => {
    const t = await stores.store();
    const { a, b } = await twoAgents(t);
    await t.store.claims.claim(owner(a), ['src/**']);
    await t.store.agents.unregister(a.code, a.pid);
    expect(await t.store.claims.all()).toEqual([]);
    await t.store.claims.claim(owner(b), ['src/x.ts']);
  });

  test('claims by the person at the CLI ("human") need no live process', async () => {
    const t = await stores.store();
    const b = await registerLive(t.store, { project: 'alpha', projectRoot: ROOT });
    await t.store.claims.claim({ code: 'human', project: 'alpha', projectRoot: ROOT }, ['src/**']);
    expect((await rejection(t.store.claims.claim(owner(b), ['src/x.ts']))).code).toBe('CONFLICT');
  });
});
