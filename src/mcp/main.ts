// The MCP server's life: answer the client's handshake at once (stdio.ts: by hand, before the SDK
// and zod are loaded), then register this session as an agent (tool calls wait for it), load the
// SDK server when a request needs it, and unregister when Claude closes stdin or signals us.
// Nothing heavy is imported up front: the store and the SDK come in with import().
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Config } from '../core/config.ts';
import { IntercomError, describeError } from '../core/errors.ts';
import { parseIdentityOverride } from '../core/ids.ts';
import { asciiEscaped } from '../core/text.ts';
import type { AgentRecord, Problem, Intercom } from '../intercom/index.ts';
import { Stdio } from './stdio.ts';
import type { ToolContext } from './tool-context.ts';

export interface McpMainDeps {
  config: Config;
  version: string;
  pid: number;
  /** Opens the store; `onProblem` collects corrupt-file reports for the next tool result. */
  openIntercom(onProblem: (problem: Problem) => void): Promise<Intercom>;
  log(line: string): void;
  exit(code: number): void;
  /** The words after `intercom mcp`: none to serve; --help prints the usage instead. */
  args?: string[];
  /** stdout, one line at a time and in order: the protocol, or the usage that --help prints. */
  out?(text: string): void;
  /** stdin (default: the process's). */
  input?: ReadableStream<Uint8Array>;
}

/**
 * When the client sent no tools/list this long after the start (it is not Claude Code, or it is
 * slow), the agent registers anyway: once, so no timer stays behind.
 */
const REGISTER_ANYWAY_MS = 50;
/** How long after loading the SDK the server collects what that left behind. */
const SETTLE_MS = 1_000;

const USAGE =
  'usage: intercom mcp   (the MCP server on stdio: Claude Code starts it; `intercom install` registers it)\n' +
  '  Takes no arguments. Environment: CLAUDE_INTERCOM_DIR, CLAUDE_INTERCOM_SESSION (see `intercom --help`).';

/** --help, or a stray argument: the usage, and no server (nothing registers). Undefined when it may serve. */
function usageExit(deps: McpMainDeps): number | undefined {
  const args = deps.args ?? [];
  if (args.length === 0) return undefined;
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    (deps.out ?? deps.log)(USAGE);
    return 0;
  }
  deps.log(`intercom mcp: unexpected argument "${args[0]}"\n${USAGE}`);
  return 2;
}

type Registration = { store: Intercom; self: AgentRecord } | { error: IntercomError; store?: Intercom };

async function register(deps: McpMainDeps, warnings: string[]): Promise<Registration> {
  const { config, pid } = deps;
  let store: Intercom | undefined;
  try {
    // The file's name may be a peer's (a planted file): escaped, so it cannot speak to the model.
    store = await deps.openIntercom((p) =>
      warnings.push(`moved corrupt file ${asciiEscaped(p.path)} to ${asciiEscaped(p.quarantinedTo)}: ${asciiEscaped(p.reason)}`),
    );
    // Housekeeping: history older than the retention goes, and leftovers of dead writers. A
    // failure here is reported, not fatal: the session can still message.
    await store
      .collectTmp()
      .catch((error: unknown) => warnings.push(`could not collect leftover temp files: ${describeError(error, 'model')}`));
    await store.history
      .prune(config.retentionDays)
      .catch((error: unknown) => warnings.push(`could not prune old history: ${describeError(error, 'model')}`));
    const { registerSelf } = await import('../intercom/identity.ts');
    const self = await registerSelf({
      agents: store.agents,
      mail: store.mail,
      pid,
      cwd: config.cwd,
      override: parseIdentityOverride(config.identityOverride),
      claudeSessionId: config.claudeSessionId,
      claudeConfigDir: config.claudeConfigDirs[0],
      // Claude Code sets CLAUDE_PLUGIN_ROOT only for what a plugin starts, and CLAUDECODE=1 for all it starts.
      route: config.pluginRoot ? 'plugin' : config.underClaudeCode ? 'mcp-config' : 'manual',
      pluginRoot: config.pluginRoot,
    });
    return { store, self };
  } catch (error) {
    const wrapped =
      error instanceof IntercomError
        ? error
        : new IntercomError('IO', `intercom could not start: ${describeError(error)}`, { cause: error });
    return { error: wrapped, ...(store ? { store } : {}) };
  }
}

export async function runMcpServer(deps: McpMainDeps): Promise<void> {
  const { config, version, pid, log, exit } = deps;
  const usage = usageExit(deps);
  if (usage !== undefined) return exit(usage);
  // Settings that fell back to their defaults: the model hears of them with its first tool result.
  const warnings: string[] = [...config.warnings];
  for (const warning of config.warnings) log(`intercom: ${warning}`);
  let self: AgentRecord | undefined;
  let outcome: Registration | undefined;
  let server: Promise<McpServer> | undefined;
  // Registration waits for the client's handshake (answered by hand in ~1 ms, which loading the
  // store's code would hold up), then runs in the background; every tool call waits for it (ctx.ready).
  let registration: Promise<void> | undefined;
  const registerAnyway = setTimeout(() => void startRegistration(), REGISTER_ANYWAY_MS);
  const startRegistration = () => {
    clearTimeout(registerAnyway);
    registration ??= register(deps, warnings).then((result) => {
      outcome = result;
      if ('self' in result) {
        self = result.self;
        log(`intercom: registered as agent ${self.code} (project ${self.project}, store ${config.storeDir})`);
      } else {
        log(`intercom: ${describeError(result.error, 'human')}`);
      }
      // What start-up left behind goes now: the server may idle for hours, and with Bun's GC
      // timer off (its registered env: cli/install/hooks-spec.ts SERVER_ENV) only allocation
      // starts a collection.
      if (!server) Bun.gc(true);
    });
    return registration;
  };
  const unavailable = () => {
    const error = outcome && 'error' in outcome ? outcome.error : undefined;
    return new IntercomError(
      error?.code ?? 'NO_IDENTITY',
      `intercom is not available in this session: ${error?.message ?? 'not registered yet'}`,
      { next: error?.next },
    );
  };
  const ctx: ToolContext = {
    get store() {
      if (!outcome || !('self' in outcome)) throw unavailable();
      return outcome.store;
    },
    self() {
      if (!self) throw unavailable();
      return self;
    },
    setSelf(agent) {
      self = agent;
    },
    ready: startRegistration,
    takeWarnings: () => warnings.splice(0),
    log,
  };

  const write = deps.out ?? ((line: string) => void Bun.write(Bun.stdout, `${line}\n`));
  const stdio: Stdio = new Stdio({
    version,
    write,
    // After the answer is written: the store's code loads in one go.
    listed: () => void setImmediate(startRegistration),
    needSdk: () => {
      server ??= (async () => {
        void startRegistration();
        const [{ createServer }, { StdioServerTransport }] = await Promise.all([
          import('./server.ts'),
          import('@modelcontextprotocol/sdk/server/stdio.js'),
        ]);
        const created = createServer(ctx, { version });
        await stdio.handOver(created, StdioServerTransport, (answered, sdkLine) => {
          // A stale src/mcp/handshake.json (a test fails then): the client re-lists the tools.
          log(`intercom: answered ${answered.method} at start unlike the MCP SDK, which says: ${sdkLine}`);
          if (answered.method === 'tools/list') void created.sendToolListChanged();
        });
        // Loading the SDK left garbage too: collected once, a moment after the request that
        // needed it (a collection then takes ~10 ms), with a timer that fires once.
        setTimeout(() => Bun.gc(true), SETTLE_MS).unref();
        return created;
      })();
      server.catch((error: unknown) => {
        log(`intercom: could not start the MCP server: ${error instanceof Error ? error.stack : String(error)}`);
        void shutdown('no server', 1);
      });
    },
  });

  let closing = false;
  const shutdown = async (why: string, code = 0) => {
    if (closing) return;
    closing = true;
    clearTimeout(registerAnyway);
    log(`intercom: shutting down (${why})`);
    await registration; // a registration still under way must not be left behind
    try {
      if (outcome && 'self' in outcome && self) await outcome.store.agents.unregister(self.code, pid);
    } catch (error) {
      log(`intercom: could not unregister ${self?.code}: ${describeError(error)}`);
    }
    exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  void stdio
    .readAll(deps.input ?? Bun.stdin.stream())
    .then((error) => shutdown(error === undefined ? 'stdin closed' : `stdin failed: ${describeError(error)}`));
}
