// Temp folders for tests: one sandbox per test file, removed when the file is done.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'bun:test';

export function tmpDir(prefix = 'intercom-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A fake project folder (with a .git folder, so it is its own git root). */
export function makeProject(parent: string, name: string): string {
  const dir = join(parent, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  return dir;
}

/** The environment a spawned intercom process gets: its own store and Claude config dir. */
export function isolatedEnv(sandbox: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: sandbox,
    CLAUDE_INTERCOM_DIR: join(sandbox, 'store'),
    CLAUDE_CONFIG_DIR: join(sandbox, 'claude'),
    ...extra,
  };
}
