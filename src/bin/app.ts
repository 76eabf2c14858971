// Everything the entry point (intercom.ts) and the hooks' routes (hook-routes.ts) do not answer:
// `intercom mcp`, `intercom hook <event>`, or the human CLI. With those two, the only files that
// read process.env and process.argv. Front-ends are imported lazily so a hook never loads the MCP SDK.
import { resolveConfig } from '../core/config.ts';
import type { Config } from '../core/config.ts';
import { describeError, hasErrno } from '../core/errors.ts';
import { asciiEscaped } from '../core/text.ts';

/**
 * What the entry point hands on. `stdin`: the text it already read from stdin (a hook's input),
 * which this process can read only once. `entry`: the entry point's own path (src/bin/intercom.ts,
 * or the bundle's dist/intercom), which `install` registers and which this file is not.
 */
export interface EntryHandoff {
  argv: string[];
  stdin?: string | undefined;
  entry: string;
  /**
   * An armed watcher waits in this process instead of handing its wait on to the lean wait
   * (bin/lean-wait-handoff.ts): set by the lean wait when it hands the hook back.
   */
  waitHere?: boolean | undefined;
  /** Already told to stop (the lean wait's own stop signal, when it hands the hook back): a stop that came before this hook's handlers counts. */
  stopped?: AbortSignal | undefined;
}

export async function main({ argv, stdin, entry, waitHere, stopped }: EntryHandoff): Promise<void> {
  // Output goes through Bun.write, never process.stdout/process.stderr: the first touch of those
  // node streams costs ~15 ms in Bun, more than a whole PreToolUse hook may take. Writes are
  // chained so they keep their order, and flushed before exit. A reader that went away (EPIPE, as
  // with `intercom … | head`) silences that stream and tells long-running commands (tail) to stop;
  // the command still finishes its work and keeps its exit code. Any other write failure is
  // reported on stderr and makes the exit code 1.
  const readerGone = Promise.withResolvers<void>();
  function writer(target: typeof Bun.stdout, name: string) {
    let queue: Promise<unknown> = Promise.resolve();
    let failed = false;
    const onError = (error: unknown) => {
      if (failed) return;
      failed = true;
      if (hasErrno(error, 'EPIPE')) {
        if (name === 'stdout') readerGone.resolve();
        return;
      }
      if (name === 'stdout') log(`intercom: cannot write to stdout: ${describeError(error)}`);
      process.exitCode = 1;
    };
    const write = (line: string) => {
      queue = queue.then(() => (failed ? undefined : Bun.write(target, `${line}\n`))).catch(onError);
    };
    return Object.assign(write, { flush: () => queue });
  }
  const out = writer(Bun.stdout, 'stdout');
  const log = writer(Bun.stderr, 'stderr');
  async function exit(code: number): Promise<never> {
    await Promise.all([out.flush(), log.flush()]);
    process.exit(code !== 0 ? code : Number(process.exitCode ?? 0)); // a failed write made it 1
  }

  let config!: Config;
  let configError: unknown;
  try {
    // The host name is only the default machine name of the mesh (docs/relay.md): hooks never need it.
    const hostname = argv[0] === 'hook' ? undefined : (await import('node:os')).hostname();
    config = resolveConfig({
      env: process.env,
      cwd: process.cwd(),
      home: process.env.HOME || (await import('node:os')).homedir(),
      hostname,
    });
  } catch (error) {
    configError = error; // a hook reports it through its fail-open path; everything else stops here
    if (argv[0] !== 'hook') {
      log(`intercom: ${describeError(error, 'human')}`);
      // Help and the version need no settings: they still answer, so the user can read how to fix them.
      if (!['help', '--help', '-h', 'version', '--version', '-v', undefined].includes(argv[0])) await exit(1);
      config = resolveConfig({ env: {}, cwd: process.cwd(), home: process.env.HOME || (await import('node:os')).homedir() });
    }
  }
  // The CLI says on stderr which settings fell back to their defaults (the MCP server tells the
  // model; a hook says nothing, it runs on every tool call).
  if (argv[0] !== 'hook' && argv[0] !== 'mcp') for (const warning of config.warnings) log(`intercom: warning: ${warning}`);
  type ProblemReport = { path: string; quarantinedTo: string; reason: string };
  // A quarantined file's name may be a peer's: escaped for the terminal and for a model (a watcher's
  // stderr becomes the wake text).
  const logProblem = (p: ProblemReport): void =>
    log(`intercom: moved corrupt file ${asciiEscaped(p.path)} to ${asciiEscaped(p.quarantinedTo)}: ${asciiEscaped(p.reason)}`);
  const storeOptions = (onProblem: (p: ProblemReport) => void = logProblem) => ({
    root: config.storeDir,
    maxBodyBytes: config.maxBodyBytes,
    watch: config.watch,
    onProblem,
    reach: {
      configDirs: [...new Set(config.claudeConfigDirs)],
      tmux: { serverArgs: config.tmuxArgs },
      childEnv: process.env,
      resumeFlags: config.resumeFlags,
    },
  });

  /** The package version, read only by the commands that show it (a hook never does). */
  const version = async () => (await import('../../package.json', { with: { type: 'json' } })).default.version as string;

  if (argv[0] === 'hook') {
    const { runHook } = await import('../hooks/main.ts');
    const stop = new AbortController();
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop.abort());
    if (stopped?.aborted) stop.abort();
    stopped?.addEventListener('abort', () => stop.abort());
    const code = await runHook(argv[1], {
      config: () => {
        if (configError) throw configError;
        return config;
      },
      pid: process.pid,
      startedAt: Math.floor(performance.timeOrigin),
      readStdin: () => (stdin !== undefined ? Promise.resolve(stdin) : Bun.stdin.text()),
      openIntercom: async () => (await import('../intercom/index.ts')).openIntercom(storeOptions()),
      out,
      err: log,
      signal: stop.signal,
      // An armed watcher's wait goes to the lean wait where it can (lean-wait-handoff.ts); not
      // when the lean wait handed the hook back, nor without the input to hand on.
      waitElsewhere:
        waitHere || stdin === undefined || configError !== undefined
          ? undefined
          : async (handoff) => {
              const { leanWaitHandoff } = await import('./lean-wait-handoff.ts');
              const flush = () => Promise.all([out.flush(), log.flush()]);
              await leanWaitHandoff({ entry, event: argv[1]!, input: stdin, config, flush, signal: stop.signal })?.(handoff);
            },
    });
    await exit(code);
  } else if (argv[0] === 'mcp') {
    const { runMcpServer } = await import('../mcp/main.ts');
    await runMcpServer({
      args: argv.slice(1),
      out,
      config,
      version: await version(),
      pid: process.pid,
      openIntercom: async (onProblem) => (await import('../intercom/index.ts')).openIntercom(storeOptions(onProblem)),
      log,
      exit: (code) => void exit(code),
    });
  } else if (argv[0] === 'relay') {
    const { runRelay } = await import('../relay/main.ts');
    const stop = new AbortController();
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => stop.abort());
    const code = await runRelay({
      args: argv.slice(1),
      config,
      pid: process.pid,
      openIntercom: async () => (await import('../intercom/index.ts')).openIntercom(storeOptions()),
      log,
      out,
      signal: stop.signal,
    });
    await exit(code);
  } else {
    const { runCli } = await import('../cli/main.ts');
    const { openIntercom } = await import('../intercom/index.ts');
    const { isatty } = await import('node:tty');
    let stored: ReturnType<typeof openIntercom> | undefined;
    const interrupted = new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve());
      process.once('SIGTERM', () => resolve());
      void readerGone.promise.then(() => resolve());
    });
    const { dirname, resolve } = await import('node:path');
    const code = await runCli(argv, {
      version: await version(),
      config,
      runtime: { bun: process.execPath, entry, repoRoot: resolve(dirname(entry), '..', '..') },
      now: () => new Date(),
      childEnv: process.env,
      interrupted,
      store: () => (stored ??= openIntercom(storeOptions())),
      io: {
        out,
        err: log,
        stdinIsTty: isatty(0),
        readStdin: async () => (await Bun.stdin.text()).replace(/\n$/, ''),
      },
    });
    await exit(code);
  }
}
