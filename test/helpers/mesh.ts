// "Machines" for the tests of intercom across machines: each its own store, Claude config dir and
// home (as separate hosts would have), a real `intercom relay` process linking it to a test NATS
// server, and real MCP agents on it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import { startAgent } from './agent.ts';
import type { TestAgent } from './agent.ts';
import { runIntercom } from './cli.ts';
import type { CliResult } from './cli.ts';
import { BUN, ENTRY } from './paths.ts';
import { isolatedEnv, makeProject } from './tmp.ts';
import { until } from './until.ts';

export interface TestMachine {
  name: string;
  env: Record<string, string>;
  /** A project folder on this machine (a git checkout whose origin is `remote`). */
  project: string;
  store(): Promise<Intercom>;
  startRelay(extra?: string[]): Promise<void>;
  /** SIGTERM (clean: withdraws this machine) or SIGKILL. */
  stopRelay(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
  relayLog(): string;
  relayPid(): number | undefined;
  agent(extraEnv?: Record<string, string>): Promise<TestAgent>;
  cli(args: string[], stdin?: string): Promise<CliResult>;
  close(): Promise<void>;
}

/** Beats every 0.3 s in tests: a machine is gone after 0.9 s unheard. */
export const TEST_BEAT_S = 0.3;

export async function makeMachine(
  root: string,
  name: string,
  natsUrl: string,
  options: { remote?: string; relayArgs?: string[] } = {},
): Promise<TestMachine> {
  const sandbox = join(root, name);
  mkdirSync(sandbox, { recursive: true });
  const env = isolatedEnv(sandbox, { CLAUDE_INTERCOM_MACHINE: name, CLAUDE_INTERCOM_NATS_URL: natsUrl });
  const project = makeProject(sandbox, 'shop');
  const remote = options.remote ?? 'git@github.com:acme/shop.git';
  await Bun.write(join(project, '.git', 'config'), `[core]\n\tbare = false\n[remote "origin"]\n\turl = ${remote}\n`);
  let relay: ReturnType<typeof Bun.spawn> | undefined;
  let log = '';
  let intercom: Intercom | undefined;
  const agents: TestAgent[] = [];
  return {
    name,
    env,
    project,
    store: async () => (intercom ??= await openIntercom({ root: env.CLAUDE_INTERCOM_DIR! })),
    async startRelay(extra = []) {
      relay = Bun.spawn([BUN, ENTRY, 'relay', '--beat', String(TEST_BEAT_S), ...(options.relayArgs ?? []), ...extra], {
        env,
        stdout: 'pipe',
        stderr: 'pipe',
      });
      const proc = relay;
      let linked = false;
      void (async () => {
        for await (const chunk of proc.stderr as ReadableStream<Uint8Array>) log += new TextDecoder().decode(chunk);
      })();
      void (async () => {
        for await (const chunk of proc.stdout as ReadableStream<Uint8Array>)
          if (new TextDecoder().decode(chunk).includes('linked')) linked = true;
      })();
      await until(() => linked || proc.exitCode !== null, `relay ${name} to link`);
      if (proc.exitCode !== null) throw new Error(`relay ${name} exited ${proc.exitCode}: ${log}`);
    },
    async stopRelay(signal = 'SIGTERM') {
      relay?.kill(signal);
      await relay?.exited;
      relay = undefined;
    },
    relayLog: () => log,
    relayPid: () => relay?.pid,
    async agent(extraEnv = {}) {
      const agent = await startAgent({ cwd: project, env: { ...env, ...extraEnv } });
      agents.push(agent);
      return agent;
    },
    cli: (args, stdin) => runIntercom(args, { env, cwd: project, ...(stdin !== undefined ? { stdin } : {}) }),
    async close() {
      for (const a of agents) await a.close().catch(() => undefined);
      relay?.kill('SIGTERM');
      await relay?.exited;
    },
  };
}
