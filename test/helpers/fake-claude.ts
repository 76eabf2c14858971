// Drives test/fixtures/fake-claude.ts: a real parent process that plays Claude Code.
import { mkdirSync, symlinkSync, existsSync, readFileSync } from 'node:fs';
import { procInfo } from '../../src/core/proc.ts';
import { join } from 'node:path';
import { lines } from './lines.ts';
import { BUN, ENTRY, FIXTURES } from './paths.ts';

export interface HookRun {
  pid: number;
  done: Promise<{ exit: number; stdout: string; stderr: string }>;
}

export interface FakeClaude {
  pid: number;
  sessionId: string;
  call(
    tool: string,
    args?: Record<string, unknown>,
  ): Promise<{ isError?: boolean; structuredContent?: Record<string, unknown>; content: { text: string }[] }>;
  /** Start a hook as Claude would; resolves once it is running. */
  hook(event: string, input?: Record<string, unknown>): Promise<HookRun>;
  /** Close the MCP server but keep running (a session that is ending). */
  closeMcp(): Promise<void>;
  /** Start the MCP server now (after `noMcp`): a server that registers late. */
  openMcp(): Promise<void>;
  exit(): Promise<void>;
  kill(): void;
  exited: Promise<number>;
}

/**
 * Start a fake Claude. `namedClaude`: run it under an executable called `claude` (as the real
 * CLI is), so its process name is "claude"; otherwise it shows up as "bun".
 */
export async function startFakeClaude(options: {
  sandbox: string;
  cwd: string;
  sessionId: string;
  env: Record<string, string>;
  namedClaude?: boolean;
  noMcp?: boolean;
  /** Extra argv for the fake claude process, e.g. ['-p'] to look like a headless `claude -p` run. */
  extraArgs?: string[];
  /** The intercom entry its server and hooks run (default the source's, ENTRY; e.g. the bundle's). */
  entry?: string;
}): Promise<FakeClaude> {
  let runner = BUN;
  if (options.namedClaude) {
    const binDir = join(options.sandbox, 'claude-bin');
    mkdirSync(binDir, { recursive: true });
    runner = join(binDir, 'claude');
    if (!existsSync(runner)) symlinkSync(BUN, runner);
  }
  const proc = Bun.spawn(
    [runner, join(FIXTURES, 'fake-claude.ts'), options.entry ?? ENTRY, options.sessionId, options.cwd, ...(options.extraArgs ?? [])],
    {
      cwd: options.cwd,
      env: { ...options.env, INTERCOM_TEST_BUN: BUN, ...(options.noMcp ? { FAKE_CLAUDE_NO_MCP: '1' } : {}) },
      stdin: 'pipe',
      stdout: 'pipe',
      stderr: 'inherit',
    },
  );
  const waiting = new Map<number, (value: Record<string, unknown>) => void>();
  const exits = new Map<number, (value: { exit: number; stdout: string; stderr: string }) => void>();
  let ready: (value: Record<string, unknown>) => void = () => undefined;
  const readyPromise = new Promise<Record<string, unknown>>((r) => (ready = r));
  (async () => {
    for await (const line of lines(proc.stdout)) {
      const msg = JSON.parse(line) as Record<string, unknown>;
      if (msg.ready) ready(msg);
      const id = msg.id as number;
      if ('exit' in msg) exits.get(id)?.(msg as never);
      else waiting.get(id)?.(msg);
    }
  })();
  await readyPromise;
  let nextId = 1;
  const send = (cmd: Record<string, unknown>) => {
    proc.stdin.write(`${JSON.stringify(cmd)}\n`);
    proc.stdin.flush();
  };
  return {
    pid: proc.pid,
    sessionId: options.sessionId,
    exited: proc.exited,
    async call(tool, args = {}) {
      const id = nextId++;
      const answer = new Promise<Record<string, unknown>>((r) => waiting.set(id, r));
      send({ op: 'call', id, tool, args });
      const msg = await answer;
      if (msg.error) throw new Error(String(msg.error));
      return msg.result as never;
    },
    async hook(event, input = {}) {
      const id = nextId++;
      const started = new Promise<Record<string, unknown>>((r) => waiting.set(id, r));
      const done = new Promise<{ exit: number; stdout: string; stderr: string }>((r) => exits.set(id, r));
      send({ op: 'hook', id, event, input });
      return { pid: (await started).started as number, done };
    },
    async closeMcp() {
      const id = nextId++;
      const answer = new Promise<Record<string, unknown>>((r) => waiting.set(id, r));
      send({ op: 'close-mcp', id });
      await answer;
    },
    async openMcp() {
      const id = nextId++;
      const answer = new Promise<Record<string, unknown>>((r) => waiting.set(id, r));
      send({ op: 'open-mcp', id });
      await answer;
    },
    async exit() {
      send({ op: 'exit' });
      await proc.exited;
    },
    kill() {
      proc.kill('SIGKILL');
    },
  };
}

/** The agent code of a fake Claude's MCP server (its whoami). */
export async function agentCode(claude: FakeClaude): Promise<string> {
  return String((await claude.call('whoami')).structuredContent?.code);
}

/** The pid recorded as `code`'s armed watcher in `store`, or undefined when none is. */
export function armedWatcherPid(store: string, code: string): number | undefined {
  const file = join(store, 'watchers', `${code}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')).pid as number) : undefined;
}

/** True once the watcher started as `run` (a shell running the hook, or bun exec'd by it) is the one armed for `code`. */
export function watcherArmedBy(store: string, run: HookRun, code: string): boolean {
  const pid = armedWatcherPid(store, code);
  return pid !== undefined && (pid === run.pid || procInfo(pid)?.ppid === run.pid);
}
