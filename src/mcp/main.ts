// The MCP server's life: open the store, register this session as an agent, serve tools over
// stdio, and unregister when Claude closes stdin or signals us.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config } from '../core/config.ts';
import { IntercomError, describeError } from '../core/errors.ts';
import { openStore } from '../store/index.ts';
import type { AgentRecord, Store } from '../store/index.ts';
import { parseIdentityOverride } from '../core/ids.ts';
import { registerSelf } from '../store/identity.ts';
import { createServer } from './server.ts';
import type { ToolContext } from './tool-context.ts';

export interface McpMainDeps {
  config: Config;
  version: string;
  pid: number;
  log(line: string): void;
  exit(code: number): void;
}

export async function runMcpServer({ config, version, pid, log, exit }: McpMainDeps): Promise<void> {
  let store: Store | undefined;
  let self: AgentRecord | undefined;
  let startupError: IntercomError | undefined;
  const warnings: string[] = [];
  try {
    store = await openStore({
      root: config.storeDir,
      maxBodyBytes: config.maxBodyBytes,
      onProblem: (p) => warnings.push(`moved corrupt file ${p.path} to ${p.quarantinedTo}: ${p.reason}`),
    });
    await store.collectTmp();
    self = await registerSelf({
      agents: store.agents,
      pid,
      cwd: config.cwd,
      override: parseIdentityOverride(config.identityOverride),
      claudeSessionId: config.claudeSessionId,
      claudeConfigDir: config.claudeConfigDirs[0],
    });
    log(`intercom: registered as agent ${self.code} (project ${self.project}, store ${config.storeDir})`);
  } catch (error) {
    startupError =
      error instanceof IntercomError ? error : new IntercomError('IO', `intercom could not start: ${describeError(error)}`, { cause: error });
    log(`intercom: ${startupError.message}`);
  }

  const failed = () =>
    new IntercomError(startupError?.code ?? 'NO_IDENTITY', `intercom is not available in this session: ${startupError?.message ?? 'not registered'}`);
  const ctx: ToolContext = {
    get store() {
      if (!store) throw failed();
      return store;
    },
    self() {
      if (!self) throw failed();
      return self;
    },
    setSelf(agent) {
      self = agent;
    },
    takeWarnings: () => warnings.splice(0),
    log,
  };

  const server = createServer(ctx, { version, self });
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    log(`intercom: shutting down (${why})`);
    try {
      if (store && self) await store.agents.unregister(self.code, pid);
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
