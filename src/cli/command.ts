import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../core/config.ts';
import type { Store } from '../store/index.ts';
import type { CliIo } from './io.ts';
import { jsonForTerminal } from '../core/text.ts';

/** Where this intercom runs from: install writes these paths into Claude Code's config. */
export interface Runtime {
  bun: string;
  entry: string;
  repoRoot: string;
}

export interface CliDeps {
  config: Config;
  runtime: Runtime;
  /** The current time; injected so tests can pin it. */
  now(): Date;
  /** The environment handed to child processes (doctor's self-test). */
  childEnv: Record<string, string | undefined>;
  io: CliIo;
  /** Opens the store on first use (commands like `help` never touch it). */
  store(): Promise<Store>;
  /** Resolves when the user interrupts a long-running command (tail). */
  interrupted: Promise<void>;
}

export interface ParsedArgs {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(args: ParsedArgs, deps: CliDeps): Promise<number>;
}

export const jsonOption = { json: { type: 'boolean', short: 'j' } } as const;

export function printJson(deps: CliDeps, value: unknown): void {
  // Exact: the same value parses back; DEL, C1 and line separators escaped too, so nothing acts on a terminal.
  deps.io.out(jsonForTerminal(JSON.stringify(value, null, 2)));
}

/** The command line itself is wrong (a missing argument, clashing flags): exit 2, with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A numeric flag (--timeout 30): undefined when absent, a UsageError when not a number. */
export function numberOption(values: ParsedArgs['values'], name: string): number | undefined {
  const raw = values[name];
  if (typeof raw !== 'string') return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} needs a number, not "${raw}"`);
  return value;
}
