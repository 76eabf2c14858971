// Preloaded before every test file (bunfig.toml). Points HOME and every intercom/Claude path at
// a throwaway folder, so no test can ever touch the real ~/.claude or ~/.claude-intercom.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sandbox = mkdtempSync(join(tmpdir(), 'intercom-test-home-'));
process.env.HOME = sandbox;
process.env.CLAUDE_INTERCOM_DIR = join(sandbox, 'default-store-not-for-use');
process.env.CLAUDE_CONFIG_DIR = join(sandbox, 'default-claude-config-not-for-use');
delete process.env.CLAUDE_INTERCOM_SESSION;
delete process.env.CLAUDE_CODE_SESSION_ID;
