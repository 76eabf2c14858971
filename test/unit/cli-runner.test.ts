// The CLI's runner, in process against a fake intercom: each command gets typed option values
// (checked before it runs), and who the CLI acts as is resolved by the runner, once, only when a
// command asks.
import { describe, expect, test } from 'bun:test';
import { resolveConfig } from '../../src/core/config.ts';
import { runCli } from '../../src/cli/main.ts';
import type { Intercom } from '../../src/intercom/index.ts';

const AGENT = { code: 'ab12', name: 'billing', project: 'webapp', project_root: '/w/webapp' };

function harness(override?: string) {
  const calls = { codeForOverride: 0, claim: [] as unknown[][], status: [] as string[] };
  const store = {
    agents: {
      codeForOverride: async (value: string) => {
        calls.codeForOverride++;
        return value === 'billing' ? AGENT.code : undefined;
      },
      getLive: async (code: string) => (code === AGENT.code ? AGENT : undefined),
    },
    who: async () => [],
    claim: async (...args: unknown[]) => {
      calls.claim.push(args);
      return { claimed: [{ pattern: 'src/x', expires_at: '2030-01-01T00:00:00.000Z' }], mesh: 'local' };
    },
    receipts: {
      status: async (id: string) => {
        calls.status.push(id);
        return { id, body_preview: 'hi', receipts: [] };
      },
    },
  } as unknown as Intercom;
  const out: string[] = [];
  const err: string[] = [];
  const env: Record<string, string> = {
    CLAUDE_INTERCOM_DIR: '/tmp/intercom-runner-unused',
    ...(override ? { CLAUDE_INTERCOM_SESSION: override } : {}),
  };
  const run = (...argv: string[]) =>
    runCli(argv, {
      version: '0.0.0-test',
      config: resolveConfig({ env, cwd: '/w/webapp', home: '/home/nobody' }),
      runtime: { bun: 'bun', entry: 'intercom.ts', repoRoot: '/repo' },
      now: () => new Date(0),
      childEnv: {},
      io: { out: (t) => out.push(t), err: (t) => err.push(t), readStdin: async () => '', stdinIsTty: true },
      store: async () => store,
      interrupted: Promise.resolve(),
    });
  return { run, calls, out, err };
}

describe('CLI runner', () => {
  test('the sender is resolved by the runner, once, and reaches the command', async () => {
    const h = harness('billing');
    expect(await h.run('claim', 'src/x', '--ttl', '5', '--reason', 'migrating', '--json')).toBe(0);
    expect(h.calls.codeForOverride).toBe(1);
    expect(h.calls.claim).toEqual([
      [{ code: 'ab12', name: 'billing', project: 'webapp', projectRoot: '/w/webapp' }, ['src/x'], 5, 'migrating'],
    ]);
    expect(JSON.parse(h.out.join('\n'))).toEqual({ claimed: [{ pattern: 'src/x', expires_at: '2030-01-01T00:00:00.000Z' }] });
  });

  test('a command that never asks who it is does not fail on a bad CLAUDE_INTERCOM_SESSION; one that asks names the next step as a command', async () => {
    const h = harness('ghost');
    expect(await h.run('status', '1763760000000-0a1b2c3d4e')).toBe(0);
    expect(h.calls).toMatchObject({ codeForOverride: 0, status: ['1763760000000-0a1b2c3d4e'] });
    expect(await h.run('inbox')).toBe(1);
    expect(h.err.at(-1)).toBe(
      'intercom inbox: CLAUDE_INTERCOM_SESSION=ghost does not name a live agent: unset it to act as "human", or set it to a live agent\'s code; ' +
        'run `env -u CLAUDE_INTERCOM_SESSION intercom who` to list the live agents',
    );
  });

  test('options arrive typed; a bad value is bad usage (exit 2) before the command runs', async () => {
    const h = harness();
    expect(await h.run('claim', 'src/x', '--ttl', 'soon')).toBe(2);
    expect(h.err.at(-1)).toStartWith(
      'intercom claim: --ttl must be a number of minutes more than 0 and at most 1440, not "soon"\nusage: intercom claim',
    );
    expect(h.calls.claim).toEqual([]);
    expect(await h.run('claim', 'src/x')).toBe(0);
    expect(h.calls.claim).toEqual([
      [
        { code: 'human', project: expect.any(String), projectRoot: expect.any(String), projectKey: expect.any(String) },
        ['src/x'],
        undefined,
        undefined,
      ],
    ]);
    expect(await h.run('dashboard', '--port', '70000')).toBe(2);
    expect(h.err.at(-1)).toStartWith(
      'intercom dashboard: --port must be a whole number from 0 to 65535, not "70000"\nusage: intercom dashboard',
    );
    expect(await h.run('who', '--bogus')).toBe(2);
  });

  test('a stray argument is bad usage before the command runs, also for the long-running ones', async () => {
    const h = harness();
    for (const name of ['tail', 'dashboard', 'who']) {
      expect(await h.run(name, 'extra')).toBe(2);
      expect(h.err.at(-1)).toStartWith(
        `intercom ${name}: unexpected argument "extra": intercom ${name} takes none\nusage: intercom ${name}`,
      );
    }
    expect(h.out).toEqual([]);
  });
});
