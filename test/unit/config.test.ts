import { expect, test } from 'bun:test';
import { resolveConfig } from '../../src/core/config.ts';

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

test('a bad size names the fix', () => {
  expect(() => resolveConfig({ env: { CLAUDE_INTERCOM_MAX_BODY: 'big' }, cwd: '/w', home: '/h' })).toThrow(
    'CLAUDE_INTERCOM_MAX_BODY=65536',
  );
});

test('claim mode and retention: defaults, overrides, and refusals that name the choices', () => {
  expect(resolveConfig({ env: {}, cwd: '/w', home: '/h' })).toMatchObject({ claimMode: 'ask', retentionDays: 14 });
  expect(
    resolveConfig({ env: { CLAUDE_INTERCOM_CLAIM_MODE: 'deny', CLAUDE_INTERCOM_RETENTION_DAYS: '3' }, cwd: '/w', home: '/h' }),
  ).toMatchObject({ claimMode: 'deny', retentionDays: 3 });
  expect(() => resolveConfig({ env: { CLAUDE_INTERCOM_CLAIM_MODE: 'block' }, cwd: '/w', home: '/h' })).toThrow(
    'must be one of warn, ask, deny',
  );
});
