// The MCP server's life: serve tools over stdio at once, register this session as an agent in the
// background (tool calls wait for it), and unregister when Claude closes stdin or signals us.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config } from '../core/config.ts';
import { IntercomError, describeError } from '../core/errors.ts';
import { parseIdentityOverride } from '../core/ids.ts';
import { asciiEscaped } from '../core/text.ts';
import type { AgentRecord, Problem, Intercom } from '../intercom/index.ts';
import { registerSelf } from '../intercom/identity.ts';
import { createServer } from './server.ts';
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
  /** stdout, for the usage that --help prints (no server runs then). */
  out?(text: string): void;
}

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
  // Claude Code's startup never waits for the store: initialize is answered at once, and every
  // tool call waits for this (ctx.ready) before it runs.
  const registration = register(deps, warnings).then((result) => {
    outcome = result;
    if ('self' in result) {
      self = result.self;
      log(`intercom: registered as agent ${self.code} (project ${self.project}, store ${config.storeDir})`);
    } else {
      log(`intercom: ${describeError(result.error, 'human')}`);
    }
  });
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
    ready: () => registration,
    takeWarnings: () => warnings.splice(0),
    log,
  };

  const server = createServer(ctx, { version });
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    log(`intercom: shutting down (${why})`);
    await registration; // a registration still under way must not be left behind
    try {
      if (outcome && 'self' in outcome && self) await outcome.store.agents.unregister(self.code, pid);
    } catch (error) {
      log(`intercom: could not unregister ${self?.code}: ${describeError(error)}`);
    }
    exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.on(signal, () => void shutdown(signal));
  await server.connect(new StdioServerTransport());
}
