// The bundle that the plugin and the npm package run: src/bin/intercom.ts and all it imports (the
// MCP SDK, zod, chokidar, proper-lockfile) as plain JavaScript for bun, so neither needs
// node_modules, npm or the network at run time. Six builds into one folder:
// - `intercom`, the entry (src/bin/intercom.ts): reads a hook's input, then loads the hooks'
//   routes or app.js. Bun pays ~1 ms for each module file a process loads and ~2.5 ms for its
//   first import (measured with Bun 1.4.5), so the hook that runs before every tool call loads
//   two files when it has nothing to do: this one and hook-routes.js.
// - The hooks' routes, each one file, not split (a dynamic import() in a file built whole would
//   inline its target: records.ts's import of the zod schemas would inline zod), and refused by
//   this build if a package is in it:
//   - `hook-routes.js` (src/bin/hook-routes.ts): PreToolUse's common case, and the choice of a
//     lean route;
//   - `pre-tool-use-lean.js` (src/hooks/pre-tool-use-lean.ts): PreToolUse when mail waits and
//     that is all (~37 KB), kept out of hook-routes.js, which every tool call loads;
//   - `lifecycle-lean.js` (src/hooks/lifecycle-lean.ts): the common cases of UserPromptSubmit,
//     SessionEnd, and SessionStart / Stop / StopFailure in the foreground (`claude -p` waits for
//     each of them in turn): one more file instead of app.js and its ~20.
//   - `lean-wait.js` (src/bin/lean-wait.ts): the armed watcher's wait, which the watcher hook's
//     process becomes once it knows its agent (bin/lean-wait-handoff.ts); it has no chokidar (a
//     store that must be polled goes back to app.js, which it imports then).
//   Each is CommonJS with its bytecode beside it (`<file>.jsc`), which bun loads instead of
//   parsing the file: measured with Bun 1.4.5 against the build before it (the routes one ES
//   module each, parsed), PreToolUse with 1,000 unread took 14.2 ms instead of 17.6, the empty
//   inbox 0.3–0.5 ms less (bench/hooks.ts prints the bundle with and without its .jsc files). (Bytecode needs CommonJS unless bun compiles an
//   executable; CommonJS cannot await at its top level, hence the entry apart.) Bytecode holds
//   for the bun that built it: any other bun finds it does not match and parses the file as
//   ever (test/e2e/bundle-entry.test.ts runs the routes with every .jsc spoiled).
// - `app.js` and its chunks (src/bin/app.ts, split ES modules, no bytecode): everything else.
//   bin/app.ts loads each front-end with a dynamic import() so that a hook never parses the MCP
//   SDK; one 1.2 MB file would cost every hook that parse (~3× the source's time on PreToolUse,
//   measured).
// Not minified: the committed output stays readable in a review.
//
// The output is deterministic (same sources and bun, same bytes, bytecode included, wherever the
// checkout is), which test/e2e/plugin-install relies on to tell a stale plugin/dist from a fresh
// one. bun names each module in a comment by its path from the working directory, so the build
// runs from the repo root whatever the caller's.
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
/** The hooks' routes, by file name (no extension) and source folder: each one file, no package in it, with its bytecode. */
const ROUTES: Record<string, string> = { 'hook-routes': 'bin', [LEAN_NAME]: 'hooks', [LIFECYCLE_LEAN_NAME]: 'hooks', 'lean-wait': 'bin' };
/** The routes' file names in the bundle (CommonJS with bytecode: test/fixtures/trace-imports.ts must not load them itself). */
export const ROUTE_NAMES = Object.keys(ROUTES);

/** A build's plugin: these imports are files beside the importer in the bundle, left to load at run time. */
function beside(name: string, targets: Record<string, string>): Bun.BunPlugin {
  return {
    name,
    setup(build) {
      for (const [source, file] of Object.entries(targets)) {
        const filter = new RegExp(`/${source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
        // Not the build's own entry point, which is resolved through here too.
        build.onResolve({ filter }, (args) => (args.importer ? { path: `./${file}`, external: true } : undefined));
      }
    },
  };
}
/**
 * The routes never poll a folder: only the lean wait watches at all (store/watch.ts), and where a
 * folder needs chokidar's polling it hands the hook back to app.js, which has it. So chokidar,
 * which store/watch.ts imports on the first polled folder, is a module that refuses.
 */
const noPolling: Bun.BunPlugin = {
  name: 'no-polling',
  setup(build) {
    build.onResolve({ filter: /^chokidar$/ }, () => ({ path: 'chokidar', namespace: 'no-polling' }));
    build.onLoad({ filter: /.*/, namespace: 'no-polling' }, () => ({
      contents: "export function watch() { throw new Error('polling is the full hook\\'s (bin/app.ts)'); }",
      loader: 'js',
    }));
  },
};

/** Each route's source file name → its file in the bundle. */
const ROUTE_FILES = Object.fromEntries(ROUTE_NAMES.map((name) => [`${name}.ts`, `${name}.js`]));

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
  const route = (name: string) => () =>
    Bun.build({
      entrypoints: [join(REPO, 'src', ROUTES[name]!, `${name}.ts`)],
      outdir,
      target: 'bun',
      format: 'cjs',
      bytecode: true,
      naming: { entry: '[name].js' },
      // The lean wait hands a hook back to app.js (bin/lean-wait.ts): beside it, like the routes.
      plugins: [beside('routes-beside', { ...ROUTE_FILES, 'app.ts': 'app.js' }), noPolling],
    });
  const entry = () =>
    Bun.build({
      entrypoints: [join(REPO, 'src', 'bin', 'intercom.ts')],
      outdir,
      target: 'bun',
      naming: { entry: '[name]' },
      // Its `import('./app.ts')` is the app build's app.js, beside it; its import of the routes, hook-routes.js.
      plugins: [beside('app-beside', { 'app.ts': 'app.js', ...ROUTE_FILES })],
    });
  // One after the other: two builds at once in one process are not known to stay deterministic.
  const results = [];
  try {
    for (const build of [app, ...ROUTE_NAMES.map(route), entry]) results.push(await build());
  } finally {
    process.chdir(cwd);
  }
  const failed = results.find((r) => !r.success);
  if (failed) throw new AggregateError(failed.logs, 'bun build failed');
  for (const [i, name] of ROUTE_NAMES.entries()) {
    const code = results[1 + i]!.outputs.find((o) => o.kind === 'entry-point')!;
    const packages = (await code.text()).match(/^\/\/ node_modules\/.*$/m);
    if (packages) throw new Error(`${name}.js bundles a package (${packages[0]}): a hook's route must not load one`);
  }
  return results.flatMap((r) => r.outputs.map((o) => o.path));
}
