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
