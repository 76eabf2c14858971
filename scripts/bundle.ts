// The bundle that the plugin and the npm package run: src/bin/intercom.ts and all it imports (the
// MCP SDK, zod, chokidar, proper-lockfile) as plain JavaScript for bun, so neither needs
// node_modules, npm or the network at run time. Four builds into one folder:
// - `intercom`, the entry (src/bin/intercom.ts): one file holding PreToolUse's common case and
//   nothing else but the choice of a lean route. Bun pays ~1 ms for each module file a process loads and ~2.5 ms for its first
//   import (measured with Bun 1.4.5), so the hook that runs before every tool call loads exactly
//   one file when it has nothing to do.
// - `pre-tool-use-lean.js` (src/hooks/pre-tool-use-lean.ts, not split): PreToolUse when mail
//   waits and that is all, one more file (~37 KB, ~1.5 ms to load). Kept out of the entry, which
//   every tool call loads (inlined, it cost the empty-inbox hook ~1 ms more, measured), and out of
//   the split build, whose chunks it would share with app.js (several files). Not split, a dynamic import() in it would inline its target
//   (records.ts's import of the zod schemas would inline zod): the build refuses any package in it.
// - `lifecycle-lean.js` (src/hooks/lifecycle-lean.ts, not split, no package either): the common
//   cases of UserPromptSubmit, SessionEnd, and SessionStart / Stop / StopFailure in the foreground
//   (`claude -p` waits for each of them in turn): one more file instead of app.js and its ~20.
// - `app.js` and its chunks (src/bin/app.ts, split): everything else. bin/app.ts loads each
//   front-end with a dynamic import() so that a hook never parses the MCP SDK; one 1.2 MB file
//   would cost every hook that parse (~3× the source's time on PreToolUse, measured).
// Not minified: the committed output stays readable in a review.
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
/** PreToolUse's lean mail route (src/hooks/), built into a file of its own beside the entry. */
export const LEAN_NAME = 'pre-tool-use-lean';
/** The other hooks' lean route (src/hooks/), likewise. */
export const LIFECYCLE_LEAN_NAME = 'lifecycle-lean';
/** The lean routes: each one file, no package in it. */
const LEAN_NAMES = [LEAN_NAME, LIFECYCLE_LEAN_NAME];

/** Builds into `outdir` (which should be empty); throws with bun's messages when the build fails. */
export async function buildBundle(outdir: string): Promise<string[]> {
  const version = (JSON.parse(readFileSync(PACKAGE_JSON, 'utf8')) as { version: string }).version;
  const cwd = process.cwd();
  process.chdir(REPO);
  const app = () =>
    Bun.build({
      entrypoints: [join(REPO, 'src', 'bin', 'app.ts')],
      outdir,
      target: 'bun',
      splitting: true,
      naming: { entry: '[name].js', chunk: '[name]-[hash].js', asset: '[name]-[hash].[ext]' },
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
    });
  const lean = (name: string) => () =>
    Bun.build({ entrypoints: [join(REPO, 'src', 'hooks', `${name}.ts`)], outdir, target: 'bun', naming: { entry: '[name].js' } });
  const entry = () =>
    Bun.build({
      entrypoints: [join(REPO, 'src', 'bin', 'intercom.ts')],
      outdir,
      target: 'bun',
      naming: { entry: '[name]' },
      plugins: [
        {
          // The entry's `import('./app.ts')` is the app build's app.js, beside it; its imports of
          // the lean routes are the lean builds' files, beside it too.
          name: 'app-beside',
          setup(build) {
            build.onResolve({ filter: /^\.\/app\.ts$/ }, () => ({ path: './app.js', external: true }));
            for (const name of LEAN_NAMES)
              build.onResolve({ filter: new RegExp(`/${name}\\.ts$`) }, () => ({ path: `./${name}.js`, external: true }));
          },
        },
      ],
    });
  // One after the other: two builds at once in one process are not known to stay deterministic.
  const results = [];
  try {
    for (const build of [app, ...LEAN_NAMES.map(lean), entry]) results.push(await build());
  } finally {
    process.chdir(cwd);
  }
  const failed = results.find((r) => !r.success);
  if (failed) throw new AggregateError(failed.logs, 'bun build failed');
  for (const [i, name] of LEAN_NAMES.entries()) {
    const packages = (await results[1 + i]!.outputs[0]!.text()).match(/^\/\/ node_modules\/.*$/m);
    if (packages) throw new Error(`${name}.js bundles a package (${packages[0]}): a hook's lean route must not load one`);
  }
  return results.flatMap((r) => r.outputs.map((o) => o.path));
}
