import type { Config } from '../core/config.ts';
import type { Intercom, Sender } from '../intercom/index.ts';
import type { CliIo } from './io.ts';
import type { Options, Values } from './options.ts';
import { jsonForTerminal } from '../core/text.ts';

export { UsageError, jsonOption, option } from './options.ts';

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
  store(): Promise<Intercom>;
  /** Resolves when the user interrupts a long-running command (tail). */
  interrupted: Promise<void>;
}

/** What a command runs with: the CLI's deps, and who it acts as. */
export interface CommandDeps extends CliDeps {
  /**
   * Who the CLI acts as: "human", or the live agent CLAUDE_INTERCOM_SESSION names. Resolved by
   * the runner on first use (a command that never asks never fails on a bad override), then the
   * same answer.
   */
  sender(): Promise<Sender>;
}

export interface CommandSpec<O extends Options> {
  name: string;
  summary: string;
  usage: string;
  /** Declared once, with their types: `run` gets the parsed, checked values. */
  options: O;
  /**
   * The most positional arguments it takes (Infinity for a list: ids, words of a message). The
   * runner refuses more as bad usage, so a stray word is never silently ignored.
   */
  maxPositionals: number;
  run(args: { values: Values<O>; positionals: string[] }, deps: CommandDeps): Promise<number>;
}

export type Command = CommandSpec<Options>;

/** A command, its options' types carried from their declaration into `run`. */
export function defineCommand<O extends Options>(spec: CommandSpec<O>): Command {
  return spec;
}

export function printJson(deps: CliDeps, value: unknown): void {
  // Exact: the same value parses back; DEL, C1 and line separators escaped too, so nothing acts on a terminal.
  deps.io.out(jsonForTerminal(JSON.stringify(value, null, 2)));
}

/** `value` as JSON with --json, else the text made of it (one place for the choice every command makes). */
export function output<T>(deps: CliDeps, json: boolean, value: T, text: (value: T) => string): number {
  if (json) printJson(deps, value);
  else deps.io.out(text(value));
  return 0;
}
