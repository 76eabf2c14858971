#!/usr/bin/env bun
// The one entry point: `intercom mcp`, `intercom hook <event>`, or the human CLI. The only file
// that reads process.env and process.argv. Front-ends are imported lazily so a hook never
// loads the MCP SDK.
import { resolveConfig } from '../core/config.ts';
import { describeError } from '../core/errors.ts';
import pkg from '../../package.json' with { type: 'json' };

const argv = process.argv.slice(2);
const log = (line: string) => void process.stderr.write(`${line}\n`);

let config;
try {
  config = resolveConfig({ env: process.env, cwd: process.cwd() });
} catch (error) {
  log(`intercom: ${describeError(error)}`);
  process.exit(argv[0] === 'hook' ? 0 : 1); // a hook fails open
}

if (argv[0] === 'mcp') {
  const { runMcpServer } = await import('../mcp/main.ts');
  await runMcpServer({ config, version: pkg.version, pid: process.pid, log, exit: (code) => process.exit(code) });
} else {
  const { runCli } = await import('../cli/main.ts');
  const { openStore } = await import('../store/index.ts');
  let stored: ReturnType<typeof openStore> | undefined;
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  const code = await runCli(argv, {
    version: pkg.version,
    config,
    interrupted,
    store: () => (stored ??= openStore({ root: config.storeDir, maxBodyBytes: config.maxBodyBytes, onProblem: (p) => log(`intercom: moved corrupt file ${p.path} to ${p.quarantinedTo}: ${p.reason}`) })),
    io: {
      out: (text) => void process.stdout.write(`${text}\n`),
      err: log,
      stdinIsTty: Boolean(process.stdin.isTTY),
      readStdin: async () => (await new Response(Bun.stdin.stream()).text()).replace(/\n$/, ''),
    },
  });
  process.exit(code);
}
