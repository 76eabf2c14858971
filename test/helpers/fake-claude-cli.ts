// Puts test/fixtures/fake-claude-cli.ts on a PATH as `claude`: a shell wrapper that execs bun
// under the name "claude", so process listings show a claude process (as with the real CLI).
import { chmodSync, existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUN, FIXTURES } from './paths.ts';

/** Returns the folder to put first on PATH. */
export function installFakeClaude(sandbox: string): string {
  const bin = join(sandbox, 'fake-bin');
  const runtime = join(sandbox, 'fake-runtime');
  mkdirSync(bin, { recursive: true });
  mkdirSync(runtime, { recursive: true });
  const named = join(runtime, 'claude');
  if (!existsSync(named)) symlinkSync(BUN, named);
  const wrapper = join(bin, 'claude');
  writeFileSync(wrapper, `#!/bin/sh\nexec '${named}' '${join(FIXTURES, 'fake-claude-cli.ts')}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  return bin;
}

/**
 * A sandbox where `claude` is the fake CLI: its config dir, store, argv log, and the environment
 * an intercom process there gets. `tmuxSocket`: the private tmux server the tests use (none
 * started here: without one, nothing runs in tmux).
 */
export function fakeClaudeSandbox(sandbox: string, tmuxSocket: string) {
  const configDir = join(sandbox, 'claude');
  const storeDir = join(sandbox, 'store');
  const argvLog = join(sandbox, 'claude-argv.jsonl');
  const fakeBin = installFakeClaude(sandbox);
  const env: Record<string, string> = {
    PATH: `${fakeBin}:${process.env.PATH}`,
    HOME: sandbox,
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_INTERCOM_DIR: storeDir,
    CLAUDE_INTERCOM_TMUX: `-L ${tmuxSocket}`,
    FAKE_CLAUDE_ARGV_LOG: argvLog,
  };
  return { configDir, storeDir, argvLog, fakeBin, env };
}
