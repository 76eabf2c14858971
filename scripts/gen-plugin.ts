// Generates the two Claude Code plugins from src/cli/install/hooks-spec.ts and the sources:
// - the repo root (hooks.json beside .claude-plugin/plugin.json and .mcp.json): runs src/ with
//   bun, for `claude --plugin-dir <checkout>` while developing;
// - plugin/: what `/plugin install intercom@claude-intercom` copies (the marketplace entry's
//   source), and what the npm package runs: the bundle in plugin/dist, hooks.json, .mcp.json,
//   the manifest and a copy of the skill. No package.json there, so Claude Code runs no npm, and
//   nothing but `bun` on PATH is needed.
// `npm run build` (this file) rewrites both (the root's hooks.json, and plugin/), and first
// src/mcp/handshake.json (scripts/gen-handshake.ts), which the bundle carries;
// test/e2e/plugin-install.test.ts fails while plugin/ differs from what this would write.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SERVER_ENV, PLUGIN_PREFIX, hooksConfig } from '../src/cli/install/hooks-spec.ts';
import { SERVER_TIMEOUT_MS } from '../src/cli/install/plan.ts';
import { ENTRY_NAME, REPO, buildBundle } from './bundle.ts';
import { writeHandshake } from './gen-handshake.ts';

export const PLUGIN_DIR = join(REPO, 'plugin');
/** The bundle inside the plugin: two levels below the package root, like src/bin/intercom.ts. */
export const BUNDLE_DIR = 'dist';
const BUNDLE_PREFIX = `bun "\${CLAUDE_PLUGIN_ROOT}/${BUNDLE_DIR}/${ENTRY_NAME}"`;
const DESCRIPTION = 'intercom: deliver messages between Claude Code sessions';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The root's hooks.json (the checkout as a plugin). */
export function pluginHooksJson(): string {
  return json({ description: DESCRIPTION, hooks: hooksConfig(PLUGIN_PREFIX) });
}

/**
 * A plugin's .mcp.json: `bun <entry> mcp`, with the environment of a process that idles for hours
 * (SERVER_ENV: an idle server never wakes up), as `intercom install` registers it (cli/install/plan.ts
 * serverEntry). The root's .mcp.json (the checkout as a plugin, running src/) is written by hand
 * in biome's format; test/e2e/install.test.ts holds it equal to this.
 */
export function pluginMcpServers(entry: string) {
  return { mcpServers: { intercom: { command: 'bun', args: [entry, 'mcp'], env: { ...SERVER_ENV }, timeout: SERVER_TIMEOUT_MS } } };
}

/** plugin/'s files other than the bundle, by path inside plugin/. */
export function pluginFiles(): Record<string, string> {
  // The same manifest as the root's (hooks, mcpServers and skills at the same relative paths).
  const manifest = readFileSync(join(REPO, '.claude-plugin', 'plugin.json'), 'utf8');
  return {
    '.claude-plugin/plugin.json': manifest,
    'hooks.json': json({ description: DESCRIPTION, hooks: hooksConfig(BUNDLE_PREFIX) }),
    '.mcp.json': json(pluginMcpServers(`\${CLAUDE_PLUGIN_ROOT}/${BUNDLE_DIR}/${ENTRY_NAME}`)),
    'skill/SKILL.md': readFileSync(join(REPO, 'skill', 'SKILL.md'), 'utf8'),
  };
}

/** Writes the whole plugin (files and bundle) into `dir`, which is emptied first. */
export async function writePlugin(dir: string): Promise<void> {
  // Built beside, then swapped in: a failed build leaves the old plugin whole.
  const staging = mkdtempSync(join(tmpdir(), 'intercom-plugin-'));
  try {
    await buildBundle(join(staging, BUNDLE_DIR));
    for (const [path, text] of Object.entries(pluginFiles())) {
      mkdirSync(dirname(join(staging, path)), { recursive: true });
      writeFileSync(join(staging, path), text);
    }
    rmSync(dir, { recursive: true, force: true });
    cpSync(staging, dir, { recursive: true });
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  // `--out DIR`: write plugin/ there instead (the staleness test compares the two).
  const at = process.argv.indexOf('--out');
  const out = at === -1 ? PLUGIN_DIR : process.argv[at + 1];
  if (!out) throw new Error('--out needs a folder');
  if (at === -1) {
    writeFileSync(join(REPO, 'hooks.json'), pluginHooksJson());
    console.log('wrote hooks.json');
    // Before the bundle, which carries it: the SDK's answers that the server gives by hand at start.
    await writeHandshake();
    console.log('wrote src/mcp/handshake.json');
  }
  await writePlugin(out);
  console.log(`wrote ${out === PLUGIN_DIR ? 'plugin/' : out}`);
}
