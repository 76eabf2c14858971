// The bundle that the plugin and the npm package run: src/bin/intercom.ts and all it imports (the
// MCP SDK, zod, chokidar, proper-lockfile) as plain JavaScript for bun, so neither needs
// node_modules, npm or the network at run time.
//
// Split into chunks (`splitting`), not one file: bin/intercom.ts loads each front-end with a
// dynamic import() so that a hook never parses the MCP SDK. One 1.2 MB file costs every hook that
// parse; measured on the PreToolUse hook with an empty inbox, a single file took ~3× as long as
// the source, the chunks ~0.9×. Not minified: the committed output stays readable in a review.
//
// The output is deterministic (same sources and bun, same bytes), which test/e2e/plugin-install
// relies on to tell a stale plugin/dist from a fresh one. bun names each module in a comment by
// its path from the working directory, so the build runs from the repo root whatever the caller's.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dir, '..');
const PACKAGE_JSON = join(REPO, 'package.json');
/** The entry's file name: no extension, like an installed command (and matched as ours by hooks-spec). */
export const ENTRY_NAME = 'intercom';

/** Builds into `outdir` (which should be empty); throws with bun's messages when the build fails. */
export async function buildBundle(outdir: string): Promise<string[]> {
  const version = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  const cwd = process.cwd();
  process.chdir(REPO);
  const result = await Bun.build({
    entrypoints: [join(REPO, 'src', 'bin', 'intercom.ts')],
    outdir,
    target: 'bun',
    splitting: true,
    naming: { entry: '[name]', chunk: '[name]-[hash].js', asset: '[name]-[hash].[ext]' },
    plugins: [
      {
        // The code reads only `version` from package.json; bundling the whole file would make
        // every dependency change look like a change of the bundle.
        name: 'package-version-only',
        setup(build) {
          const filter = new RegExp(`^${PACKAGE_JSON.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
          build.onLoad({ filter }, () => ({ contents: JSON.stringify({ version }), loader: 'json' }));
        },
      },
    ],
  }).finally(() => process.chdir(cwd));
  if (!result.success) throw new AggregateError(result.logs, 'bun build failed');
  return result.outputs.map((o) => o.path);
}
