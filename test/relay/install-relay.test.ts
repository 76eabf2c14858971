// `intercom install --relay <url>`: the relay as a user service (systemd on Linux). Its unit and
// its settings file are written (secrets only in the 0600 file), the service manager is told or
// the steps are printed, the unit's command really links a relay to a real nats-server, and
// `intercom uninstall` takes it all out again.
import { afterAll, beforeAll, describe, expect, test } from 'bun:test';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { runIntercom } from '../helpers/cli.ts';
import { startNats } from '../helpers/nats.ts';
import type { TestNats } from '../helpers/nats.ts';
import { isolatedEnv, tmpDir } from '../helpers/tmp.ts';
import { until } from '../helpers/until.ts';

const sandbox = tmpDir('intercom-install-relay-');
const xdg = join(sandbox, 'xdg');
// No systemctl on this PATH (an empty folder): the test never touches a real user systemd.
const env = isolatedEnv(sandbox, { XDG_CONFIG_HOME: xdg, CLAUDE_INTERCOM_NATS_TOKEN: 'tok-s3cret', PATH: join(sandbox, 'no-tools') });
const unit = join(xdg, 'systemd', 'user', 'claude-intercom-relay.service');
const envFile = join(xdg, 'claude-intercom', 'relay.env');
let nats: TestNats;

beforeAll(async () => {
  nats = await startNats(join(sandbox, 'nats'), 'authorization { token: "tok-s3cret" }');
});
afterAll(async () => nats?.stop());

/** KEY='value' lines of an environment file, as systemd reads them. */
function readEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([A-Z_]+)='(.*)'$/.exec(line);
    if (m) out[m[1]!] = m[2]!.replace(/'\\''/g, "'");
  }
  return out;
}

/** ExecStart's words, unquoted as systemd does for these (double-quoted, $$ for $). */
function execStart(text: string): string[] {
  const line = /^ExecStart=(.*)$/m.exec(text)![1]!;
  return [...line.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]!.replace(/\\(.)/g, '$1').replace(/\$\$/g, '$').replace(/%%/g, '%'));
}

describe('intercom install --relay', () => {
  test('refuses a bad URL or machine, and --machine without --relay, changing nothing', async () => {
    for (const args of [
      ['--relay', 'not a url'],
      ['--relay', 'nats://h:4222', '--machine', 'Bad Name'],
      ['--machine', 'x'],
    ]) {
      const r = await runIntercom(['install', ...args], { env });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toMatch(/--relay|--machine/);
    }
    expect(existsSync(unit)).toBe(false);
    expect(existsSync(join(env.CLAUDE_CONFIG_DIR!, 'settings.json'))).toBe(false);
  });

  test('the JetStream domain (a leaf node): --domain or the environment goes into the settings; a bad one is refused, changing nothing', async () => {
    const flag = await runIntercom(['install', '--relay', nats.url, '--domain', 'hub', '--dry-run'], { env });
    expect(flag.code).toBe(0);
    expect(flag.stdout).toContain("CLAUDE_INTERCOM_NATS_DOMAIN='hub'");
    const fromEnv = await runIntercom(['install', '--relay', nats.url, '--dry-run'], {
      env: { ...env, CLAUDE_INTERCOM_NATS_DOMAIN: 'hq' },
    });
    expect(fromEnv.stdout).toContain("CLAUDE_INTERCOM_NATS_DOMAIN='hq'");
    for (const [args, extra] of [
      [['--domain', 'a.b'], {}],
      [[], { CLAUDE_INTERCOM_NATS_DOMAIN: "bad domain'x" }],
    ] as const) {
      const r = await runIntercom(['install', '--relay', nats.url, ...args], { env: { ...env, ...extra } });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('is not a JetStream domain');
    }
    const alone = await runIntercom(['install', '--domain', 'hub'], { env });
    expect(alone.stderr).toContain('go with --relay');
    expect(existsSync(unit)).toBe(false);
    expect(existsSync(envFile)).toBe(false);
  });

  test('--dry-run shows the unit and the settings (secrets masked), and writes nothing', async () => {
    const r = await runIntercom(['install', '--relay', nats.url, '--machine', 'labbox', '--dry-run'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`would write ${unit}`);
    expect(r.stdout).toContain("CLAUDE_INTERCOM_NATS_TOKEN='…'");
    expect(r.stdout).not.toContain('tok-s3cret');
    expect(existsSync(unit)).toBe(false);
  });

  test('writes the unit and a 0600 settings file; the unit runs a relay that links; uninstall removes them', async () => {
    const r = await runIntercom(['install', '--relay', nats.url, '--machine', 'labbox'], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`wrote ${envFile}`);
    // No systemctl on PATH: the exact commands are printed instead.
    expect(r.stdout).toMatch(/systemctl --user enable --now claude-intercom-relay\.service/);
    const unitText = readFileSync(unit, 'utf8');
    expect(unitText).toContain(`EnvironmentFile=${envFile}`);
    expect(unitText).not.toContain('tok-s3cret');
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const settings = readEnvFile(readFileSync(envFile, 'utf8'));
    expect(settings).toMatchObject({
      CLAUDE_INTERCOM_NATS_URL: nats.url,
      CLAUDE_INTERCOM_MACHINE: 'labbox',
      CLAUDE_INTERCOM_DIR: env.CLAUDE_INTERCOM_DIR,
      CLAUDE_INTERCOM_NATS_TOKEN: 'tok-s3cret',
    });
    // What systemd would start: the unit's command with the file's settings, and nothing else.
    const relay = Bun.spawn(execStart(unitText), {
      env: { PATH: '/usr/bin:/bin', HOME: sandbox, ...settings },
      stdout: 'pipe',
      stderr: 'pipe',
    });
    try {
      const state = join(env.CLAUDE_INTERCOM_DIR!, 'relay', 'state.json');
      await until(() => existsSync(state) && JSON.parse(readFileSync(state, 'utf8')).link === 'up', 'the relay from the unit to link');
      expect(JSON.parse(readFileSync(state, 'utf8')).machine).toBe('labbox');
      const doctor = await runIntercom(['doctor'], { env });
      expect(doctor.stdout).toMatch(/ok\s+relay\s+machine labbox \(pid \d+\) → nats:\/\/127\.0\.0\.1/);
    } finally {
      relay.kill('SIGTERM');
      await relay.exited;
    }
    const gone = await runIntercom(['uninstall'], { env });
    expect(gone.code).toBe(0);
    expect(gone.stdout).toContain('removed the relay service');
    expect(existsSync(unit)).toBe(false);
    expect(existsSync(envFile)).toBe(false);
  }, 60_000);
});

describe('intercom relay on a store it may not use', () => {
  test('says the fix in one line and exits 3 (running it again cannot help), with no stack trace', async () => {
    const store = join(sandbox, 'open-store');
    mkdirSync(store, { recursive: true });
    chmodSync(store, 0o755);
    const r = await runIntercom(['relay', '--server', nats.url, '--machine', 'labbox'], { env: { ...env, CLAUDE_INTERCOM_DIR: store } });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`chmod 700 '${store}'`);
  });
});
