// @bun
import {
  hasErrno,
  describeError,
  asciiEscaped,
  resolveConfig
} from "./app-jcmt5trc.js";

// src/bin/app.ts
async function main({ argv, stdin, entry, waitHere, stopped }) {
  const readerGone = Promise.withResolvers();
  function writer(target, name) {
    let queue = Promise.resolve();
    let failed = false;
    const onError = (error) => {
      if (failed)
        return;
      failed = true;
      if (hasErrno(error, "EPIPE")) {
        if (name === "stdout")
          readerGone.resolve();
        return;
      }
      if (name === "stdout")
        log(`intercom: cannot write to stdout: ${describeError(error)}`);
      process.exitCode = 1;
    };
    const write = (line) => {
      queue = queue.then(() => failed ? undefined : Bun.write(target, `${line}
`)).catch(onError);
    };
    return Object.assign(write, { flush: () => queue });
  }
  const out = writer(Bun.stdout, "stdout");
  const log = writer(Bun.stderr, "stderr");
  async function exit(code) {
    await Promise.all([out.flush(), log.flush()]);
    process.exit(code !== 0 ? code : Number(process.exitCode ?? 0));
  }
  let config;
  let configError;
  try {
    const hostname = argv[0] === "hook" ? undefined : (await import("os")).hostname();
    config = resolveConfig({
      env: process.env,
      cwd: process.cwd(),
      home: process.env.HOME || (await import("os")).homedir(),
      hostname
    });
  } catch (error) {
    configError = error;
    if (argv[0] !== "hook") {
      log(`intercom: ${describeError(error, "human")}`);
      if (!["help", "--help", "-h", "version", "--version", "-v", undefined].includes(argv[0]))
        await exit(1);
      config = resolveConfig({ env: {}, cwd: process.cwd(), home: process.env.HOME || (await import("os")).homedir() });
    }
  }
  if (argv[0] !== "hook" && argv[0] !== "mcp")
    for (const warning of config.warnings)
      log(`intercom: warning: ${warning}`);
  const logProblem = (p) => log(`intercom: moved corrupt file ${asciiEscaped(p.path)} to ${asciiEscaped(p.quarantinedTo)}: ${asciiEscaped(p.reason)}`);
  const storeOptions = (onProblem = logProblem) => ({
    root: config.storeDir,
    maxBodyBytes: config.maxBodyBytes,
    watch: config.watch,
    onProblem,
    reach: {
      configDirs: [...new Set(config.claudeConfigDirs)],
      tmux: { serverArgs: config.tmuxArgs },
      childEnv: process.env,
      resumeFlags: config.resumeFlags
    }
  });
  const version = async () => (await import("./package-qfvrfkaq.js")).default.version;
  if (argv[0] === "hook") {
    const { runHook } = await import("./main-x7wwmnsw.js");
    const stop = new AbortController;
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"])
      process.on(signal, () => stop.abort());
    if (stopped?.aborted)
      stop.abort();
    stopped?.addEventListener("abort", () => stop.abort());
    const code = await runHook(argv[1], {
      config: () => {
        if (configError)
          throw configError;
        return config;
      },
      pid: process.pid,
      startedAt: Math.floor(performance.timeOrigin),
      readStdin: () => stdin !== undefined ? Promise.resolve(stdin) : Bun.stdin.text(),
      openIntercom: async () => (await import("./index-4cgq2h2z.js")).openIntercom(storeOptions()),
      out,
      err: log,
      signal: stop.signal,
      waitElsewhere: waitHere || stdin === undefined || configError !== undefined ? undefined : async (handoff) => {
        const { leanWaitHandoff } = await import("./lean-wait-handoff-54fqxeyr.js");
        const flush = () => Promise.all([out.flush(), log.flush()]);
        await leanWaitHandoff({ entry, event: argv[1], input: stdin, config, flush, signal: stop.signal })?.(handoff);
      }
    });
    await exit(code);
  } else if (argv[0] === "mcp") {
    const { runMcpServer } = await import("./main-ar2vnsy1.js");
    await runMcpServer({
      args: argv.slice(1),
      out,
      config,
      version: await version(),
      pid: process.pid,
      openIntercom: async (onProblem) => (await import("./index-4cgq2h2z.js")).openIntercom(storeOptions(onProblem)),
      log,
      exit: (code) => void exit(code)
    });
  } else if (argv[0] === "relay") {
    const { runRelay } = await import("./main-fdkk53j9.js");
    const stop = new AbortController;
    for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"])
      process.on(signal, () => stop.abort());
    const code = await runRelay({
      args: argv.slice(1),
      config,
      pid: process.pid,
      openIntercom: async () => (await import("./index-4cgq2h2z.js")).openIntercom(storeOptions()),
      log,
      out,
      signal: stop.signal
    });
    await exit(code);
  } else {
    const { runCli } = await import("./main-sy3z5cq1.js");
    const { openIntercom } = await import("./index-4cgq2h2z.js");
    const { isatty } = await import("tty");
    let stored;
    const interrupted = new Promise((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
      readerGone.promise.then(() => resolve());
    });
    const { dirname, resolve } = await import("path");
    const code = await runCli(argv, {
      version: await version(),
      config,
      runtime: { bun: process.execPath, entry, repoRoot: resolve(dirname(entry), "..", "..") },
      now: () => new Date,
      childEnv: process.env,
      interrupted,
      store: () => stored ??= openIntercom(storeOptions()),
      io: {
        out,
        err: log,
        stdinIsTty: isatty(0),
        readStdin: async () => (await Bun.stdin.text()).replace(/\n$/, "")
      }
    });
    await exit(code);
  }
}
export {
  main
};
