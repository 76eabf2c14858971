// intercom who (post office): live agents only, of the caller's project unless asked for all,
// each with its status, busy/idle and since when, and its claims in force; the caller is marked.
import { describe, expect, test } from 'bun:test';
import { MINUTE, T0, rejection, registerDead, registerLive, tempStores } from '../helpers/store.ts';

const stores = tempStores('intercom-unit-who-');
const iso = (ms: number) => new Date(ms).toISOString();

async function team() {
  const t = await stores.intercom();
  const alice = await registerLive(t.intercom, { project: 'alpha', name: 'alice', status: 'refactoring auth' });
  t.clock.advance(MINUTE);
  const bob = await registerLive(t.intercom, { project: 'alpha' });
  const dave = await registerLive(t.intercom, { project: 'beta' });
  const ghost = await registerDead(t.intercom, { project: 'alpha' });
  return { t, alice, bob, dave, ghost };
}

describe('who', () => {
  test('project scope: live agents of the caller’s project, oldest registration first, the caller marked', async () => {
    const { t, alice, bob } = await team();
    const views = await t.intercom.who({ scope: 'project', self: bob });
    expect(views.map((v) => [v.code, v.you])).toEqual([
      [alice.code, false],
      [bob.code, true],
    ]);
    expect(views[0]).toMatchObject({ name: 'alice', project: 'alpha', status: 'refactoring auth' });
  });

  test('all scope: every live agent on every project; the dead are never listed', async () => {
    const { t, alice, bob, dave, ghost } = await team();
    const codes = (await t.intercom.who({ scope: 'all' })).map((v) => v.code);
    expect(codes.sort()).toEqual([alice.code, bob.code, dave.code].sort());
    expect(codes).not.toContain(ghost.code);
  });

  test('busy/idle and since: from the hooks; before any hook, unknown since registration', async () => {
    const { t, alice, bob } = await team();
    t.clock.advance(MINUTE);
    await t.intercom.presence.mark(alice.code, 'busy', { at: T0 + 90_000 });
    const views = await t.intercom.who({ scope: 'project', self: alice });
    expect(views.find((v) => v.code === alice.code)).toMatchObject({ activity: 'busy', since: iso(T0 + 90_000) });
    expect(views.find((v) => v.code === bob.code)).toMatchObject({ activity: 'unknown', since: bob.registered_at });
  });

  test('claims in force are listed with their owner; expired ones are not', async () => {
    const { t, alice } = await team();
    const owner = { code: alice.code, project: alice.project, projectRoot: alice.project_root };
    await t.intercom.claims.claim(owner, ['src/auth/'], 10, 'rotating keys');
    let mine = (await t.intercom.who({ scope: 'project', self: alice })).find((v) => v.code === alice.code)!;
    expect(mine.claims).toEqual([{ pattern: 'src/auth/**', reason: 'rotating keys', expires_at: iso(T0 + 11 * MINUTE) }]);
    t.clock.advance(10 * MINUTE);
    mine = (await t.intercom.who({ scope: 'project', self: alice })).find((v) => v.code === alice.code)!;
    expect(mine.claims).toEqual([]);
  });

  test('project scope without an identity is BAD_INPUT (the CLI asks for all)', async () => {
    const { t } = await team();
    expect((await rejection(t.intercom.who({ scope: 'project' }))).code).toBe('BAD_INPUT');
  });
});
