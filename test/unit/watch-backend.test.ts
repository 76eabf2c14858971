// Which watch backend a folder gets: the filesystem type (statfs f_type) decides under `auto`,
// CLAUDE_INTERCOM_WATCH overrides. Pure functions; the e2e wake with polling is wake-poll.test.ts.
import { expect, test } from 'bun:test';
import { resolveConfig } from '../../src/core/config.ts';
import { chooseWatchBackend, NO_EVENT_FILESYSTEMS, watchBackendFor } from '../../src/store/watch-backend.ts';

const NFS = 0x6969;
const EXT4 = 0xef53;

test.each([
  ['NFS', NFS],
  ['SMB', 0x517b],
  ['CIFS', 0xff534d42],
  ['SMB2', 0xfe534d42],
  ['9p', 0x01021997],
  ['FUSE', 0x65735546],
])('auto polls on %s, a filesystem without change events', (name, type) => {
  const choice = chooseWatchBackend('auto', type, 'linux');
  expect(choice.backend).toBe('poll');
  expect(choice.why).toContain(name);
  expect(choice.why).toContain(`0x${type.toString(16)}`);
});

test('auto keeps events on a local filesystem (ext4, tmpfs, btrfs, xfs, overlayfs)', () => {
  for (const type of [EXT4, 0x01021994, 0x9123683e, 0x58465342, 0x794c7630]) {
    expect(chooseWatchBackend('auto', type, 'linux')).toEqual({
      backend: 'events',
      why: `local filesystem (statfs type 0x${type.toString(16)})`,
    });
  }
});

test('a type handed back sign-extended (a 32-bit f_type) is still recognised', () => {
  expect(chooseWatchBackend('auto', 0xff534d42 | 0, 'linux').backend).toBe('poll'); // CIFS as a negative int32
});

test('off Linux, or without a type, auto keeps events and says how to poll', () => {
  for (const [type, platform] of [
    [NFS, 'darwin'],
    [undefined, 'linux'],
  ] as const) {
    const choice = chooseWatchBackend('auto', type, platform);
    expect(choice.backend).toBe('events');
    expect(choice.why).toContain('CLAUDE_INTERCOM_WATCH=poll');
  }
});

test('CLAUDE_INTERCOM_WATCH=poll|events wins over the filesystem type', () => {
  expect(chooseWatchBackend('poll', EXT4, 'linux')).toEqual({ backend: 'poll', why: 'CLAUDE_INTERCOM_WATCH=poll' });
  expect(chooseWatchBackend('events', NFS, 'linux')).toEqual({ backend: 'events', why: 'CLAUDE_INTERCOM_WATCH=events' });
});

test('every listed filesystem is polled', () => {
  for (const type of NO_EVENT_FILESYSTEMS.keys()) expect(chooseWatchBackend('auto', type, 'linux').backend).toBe('poll');
});

test.skipIf(process.platform !== 'linux')(
  'a real folder: its statfs type is read and named; a folder that cannot be read keeps events',
  () => {
    const choice = watchBackendFor(process.env.HOME!, 'auto');
    expect(choice.why).toMatch(/statfs type 0x[0-9a-f]+/);
    expect(watchBackendFor('/no/such/folder', 'auto')).toMatchObject({
      backend: 'events',
      why: expect.stringContaining('statfs /no/such/folder'),
    });
  },
);

test('the environment variable is read into the config; a bad value falls back to auto with a warning naming the choices', () => {
  const config = (env: Record<string, string>) => resolveConfig({ env, cwd: '/w', home: '/h' });
  expect(config({}).watch).toBe('auto');
  expect(config({ CLAUDE_INTERCOM_WATCH: ' poll ' }).watch).toBe('poll');
  expect(config({ CLAUDE_INTERCOM_WATCH: 'events' }).watch).toBe('events');
  const bad = config({ CLAUDE_INTERCOM_WATCH: 'inotify' });
  expect(bad.watch).toBe('auto');
  expect(bad.warnings).toEqual([
    'CLAUDE_INTERCOM_WATCH=inotify is not one of auto, events, poll, so the default auto is used; fix or unset it',
  ]);
  expect(config({ CHOKIDAR_USEPOLLING: '1' }).chokidarEnv).toEqual(['CHOKIDAR_USEPOLLING=1']);
});
