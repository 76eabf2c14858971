// Temp stores for in-process tests of store/ and intercom/: each opened in its own folder of one
// sandbox per test file (removed when the file is done), with a clock the test moves by hand, so
// time rules (expiry, skew, retention, windows) are tested without sleeping.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'bun:test';
import { fixedClock } from '../../src/core/clock.ts';
import { procInfo } from '../../src/core/proc.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store, StoreOptions } from '../../src/store/index.ts';
import type { StoreContext } from '../../src/store/context.ts';
import { openIntercom } from '../../src/intercom/index.ts';
import type { Intercom } from '../../src/intercom/index.ts';
import type { Problem } from '../../src/store/records.ts';
import type { AgentRecord } from '../../src/store/schema.ts';
import type { RegisterInput } from '../../src/store/agents.ts';

/** A fixed instant for stores under test (ms): ids and stamps are predictable, nothing depends on today. */
export const T0 = Date.parse('2026-03-02T09:00:00.000Z');
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const DAY = 24 * 60 * MINUTE;

export type TestClock = ReturnType<typeof fixedClock>;

export interface TempStore {
  store: Store;
  ctx: StoreContext;
  clock: TestClock;
  root: string;
  /** Every corrupt file the store quarantined, as reported. */
  problems: Problem[];
}

export interface TempIntercom {
  intercom: Intercom;
  clock: TestClock;
  root: string;
  /** A Claude config dir of this sandbox: write transcripts here. */
  configDir: string;
  problems: Problem[];
}

/**
 * Opens stores in a sandbox removed after the file's tests. Call at the top level of a test file.
 * Intercoms look for sessions only in their own empty config dir and talk to a private tmux
 * server that never runs, so nothing outside the sandbox is read or typed into.
 */
export function tempStores(prefix = 'intercom-unit-') {
  const sandbox = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(sandbox, { recursive: true, force: true }));
  let n = 0;
  const fresh = () => join(sandbox, `s${++n}`);

  async function store(options: Partial<StoreOptions> & { start?: number } = {}): Promise<TempStore> {
    const clock = fixedClock(options.start ?? T0);
    const problems: Problem[] = [];
    const root = join(fresh(), 'store');
    const { store, ctx } = await openStore({ clock, onProblem: (p) => problems.push(p), ...options, root });
    return { store, ctx, clock, root, problems };
  }

  async function intercom(options: Partial<StoreOptions> & { start?: number } = {}): Promise<TempIntercom> {
    const clock = fixedClock(options.start ?? T0);
    const problems: Problem[] = [];
    const dir = fresh();
    const root = join(dir, 'store');
    const configDir = join(dir, 'claude');
    mkdirSync(join(configDir, 'projects'), { recursive: true });
    const intercom = await openIntercom({
      clock,
      onProblem: (p) => problems.push(p),
      ...options,
      root,
      reach: { configDirs: [configDir], tmux: { serverArgs: ['-L', `intercom-unit-none-${process.pid}`] }, childEnv: {} },
    });
    return { intercom, clock, root, configDir, problems };
  }

  /** A folder inside the sandbox (a project checkout, say). */
  function folder(name: string): string {
    const dir = join(sandbox, name);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  return { store, intercom, folder };
}

/** This test process: alive, with its real start token, so an agent registered with it is live. */
export function liveProcess(): { pid: number; pidStart: string } {
  const info = procInfo(process.pid);
  if (!info) throw new Error('cannot read this process from /proc or ps');
  return { pid: process.pid, pidStart: info.start };
}

type AgentInput = Partial<Omit<RegisterInput, 'project'>> & { project?: string };

function registration(input: AgentInput, proc: { pid: number; pidStart: string }): RegisterInput {
  const project = input.project ?? 'alpha';
  const root = input.projectRoot ?? `/srv/${project}`;
  return { ...input, project, projectRoot: root, cwd: input.cwd ?? root, ...proc };
}

/** Register a live agent (this process), on project "alpha" unless told otherwise. */
export function registerLive(store: Pick<Store, 'agents'>, input: AgentInput = {}): Promise<AgentRecord> {
  return store.agents.register(registration(input, liveProcess()));
}

/**
 * Register an agent whose process is gone: this pid with another start token, which is exactly
 * what a reused pid looks like. Nothing needs to be spawned or killed.
 */
export function registerDead(store: Pick<Store, 'agents'>, input: AgentInput = {}): Promise<AgentRecord> {
  return store.agents.register(registration(input, { pid: process.pid, pidStart: 'not-this-process' }));
}

/** The IntercomError (or other error) a promise rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error as Error & { code?: string };
    throw error;
  }
  throw new Error('expected a rejection, but the call succeeded');
}
