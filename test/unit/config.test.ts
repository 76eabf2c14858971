import { expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { quickConfig, resolveConfig } from '../../src/core/config.ts';

test('defaults live under the home folder', () => {
  const config = resolveConfig({ env: {}, cwd: '/w', home: '/home/u' });
  expect(config.storeDir).toBe('/home/u/.claude-intercom');
  expect(config.claudeConfigDirs).toEqual(['/home/u/.claude']);
  expect(config.maxBodyBytes).toBe(65536);
  expect(config.resumeFlags).toEqual([]);
});

test('env overrides are read once, trimmed and typed', () => {
  const config = resolveConfig({
    env: {
      CLAUDE_INTERCOM_DIR: '~/store',
      CLAUDE_CONFIG_DIR: '/c',
      CLAUDE_INTERCOM_SESSION: ' x7k2 ',
      CLAUDE_INTERCOM_RESUME_FLAGS: '--model  sonnet --verbose',
      CLAUDE_INTERCOM_MAX_BODY: '1000',
      CLAUDE_CODE_SESSION_ID: 'abc',
    },
    cwd: '/w',
    home: '/home/u',
  });
  expect(config.storeDir).toBe('/home/u/store');
  expect(config.claudeConfigDirs).toEqual(['/c']);
  expect(config.identityOverride).toBe('x7k2');
  expect(config.resumeFlags).toEqual(['--model', 'sonnet', '--verbose']);
  expect(config.maxBodyBytes).toBe(1000);
  expect(config.claudeSessionId).toBe('abc');
});

test('a relative store path is refused: processes in other folders would use other stores', () => {
  expect(() => resolveConfig({ env: { CLAUDE_INTERCOM_DIR: 'store' }, cwd: '/w', home: '/h' })).toThrow('must be an absolute path');
});

test('a bad tuning value falls back to its default with a warning that names the variable and the fix, never an error', () => {
  const bad = {
    CLAUDE_INTERCOM_MAX_BODY: 'big',
    CLAUDE_INTERCOM_RETENTION_DAYS: '-3',
    CLAUDE_INTERCOM_CLAIM_MODE: 'block',
    CLAUDE_INTERCOM_WATCH: 'garbage',
  };
  const config = resolveConfig({ env: bad, cwd: '/w', home: '/h' });
  expect(config).toMatchObject({ maxBodyBytes: 65536, retentionDays: 14, claimMode: 'ask', watch: 'auto' });
  expect(config.warnings).toEqual([
    'CLAUDE_INTERCOM_MAX_BODY=big is not a positive whole number, so the default 65536 is used; fix or unset it',
    'CLAUDE_INTERCOM_CLAIM_MODE=block is not one of warn, ask, deny, so the default ask is used; fix or unset it',
    'CLAUDE_INTERCOM_RETENTION_DAYS=-3 is not a positive whole number, so the default 14 is used; fix or unset it',
    'CLAUDE_INTERCOM_WATCH=garbage is not one of auto, events, poll, so the default auto is used; fix or unset it',
  ]);
});

test('claim mode, watch and retention: defaults, overrides in any case, no warnings when valid', () => {
  expect(resolveConfig({ env: {}, cwd: '/w', home: '/h' })).toMatchObject({
    claimMode: 'ask',
    retentionDays: 14,
    watch: 'auto',
    warnings: [],
  });
  expect(
    resolveConfig({
      env: { CLAUDE_INTERCOM_CLAIM_MODE: 'Deny', CLAUDE_INTERCOM_RETENTION_DAYS: '3', CLAUDE_INTERCOM_WATCH: ' POLL ' },
      cwd: '/w',
      home: '/h',
    }),
  ).toMatchObject({ claimMode: 'deny', retentionDays: 3, watch: 'poll', warnings: [] });
});

test("the hooks' quick settings hand over whatever resolveConfig refuses: each variable config.ts reads, set to each bad value", () => {
  // Every variable the settings read (scanned from the source, so a new one is covered the day it is added).
  const source = readFileSync(join(import.meta.dir, '..', '..', 'src', 'core', 'config.ts'), 'utf8');
  const names = [...new Set([...source.matchAll(/\benv\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]!))];
  expect(names).toContain('CLAUDE_CONFIG_DIR');
  const refused: string[] = [];
  for (const name of names) {
    for (const value of ['relative/dir', 'a:b', '.', '..', '~x', '-1', 'garbage', ' ']) {
      const env = { [name]: value };
      let throws = false;
      try {
        resolveConfig({ env, cwd: '/w', home: '/home/u' });
      } catch {
        throws = true;
      }
      if (!throws) continue;
      refused.push(`${name}=${value}`);
      // The quick routes must not answer where the full hook refuses (it fails open and says why).
      expect({ name, value, quick: quickConfig(env, '/home/u', '/w') }).toEqual({ name, value, quick: undefined });
    }
  }
  // The three locations are what resolveConfig refuses today; the check above can fail.
  for (const name of ['CLAUDE_INTERCOM_DIR', 'CLAUDE_CONFIG_DIR', 'CLAUDE_INTERCOM_CONFIG_DIRS'])
    expect(refused).toContain(`${name}=relative/dir`);
  // A good value of each is no reason to hand over.
  expect(quickConfig({ CLAUDE_CONFIG_DIR: '/c', CLAUDE_INTERCOM_CONFIG_DIRS: '/d:~/e' }, '/home/u', '/w')).toMatchObject({
    storeDir: '/home/u/.claude-intercom',
  });
});
