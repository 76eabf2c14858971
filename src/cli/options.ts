// A command's options, declared once with their types: node:util parseArgs reads the command
// line, and each option turns what it read into the value `run` receives (a flag a boolean, a
// number a number), or a UsageError that names the flag. No command sees a raw parseArgs value.
import type { ParseArgsConfig } from 'node:util';

/** The command line itself is wrong (a missing argument, clashing flags): exit 2, with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /** Whether the usage follows the message (not when the message already says what to do). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}

/** One option: how parseArgs reads it, and the typed value made of what it read. */
export interface Option<T> {
  type: 'string' | 'boolean';
  short?: string;
  /** `raw` is undefined when the option is absent; throws UsageError when it is invalid. */
  read(raw: string | boolean | undefined, name: string): T;
}

export type Options = Record<string, Option<unknown>>;

/** What `run` receives for options `O`. */
export type Values<O extends Options> = { [K in keyof O]: O[K] extends Option<infer T> ? T : never };

function number(raw: string, name: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${name} needs a number, not "${raw}"`);
  return value;
}

function flag(short?: string): Option<boolean> {
  return { type: 'boolean', ...(short ? { short } : {}), read: (raw) => raw === true };
}

function string(): Option<string | undefined> {
  return { type: 'string', read: (raw) => (typeof raw === 'string' ? raw : undefined) };
}

/** A string made into T by `parse` (which throws UsageError when it cannot); `absent` without the option. */
function parsed<T>(parse: (raw: string, name: string) => T, absent: T): Option<T> {
  return { type: 'string', read: (raw, name) => (typeof raw === 'string' ? parse(raw, name) : absent) };
}

export const option = {
  /** --x: true when given. */
  flag,
  /** --x TEXT. */
  string,
  /** --x N: any finite number; `absent` without the option. */
  number: ((absent?: number) => parsed(number, absent)) as {
    (): Option<number | undefined>;
    (absent: number): Option<number>;
  },
  parsed,
};

/** --json (-j), which most commands take. */
export const jsonOption = { json: option.flag('j') };

/** The options in the shape parseArgs wants. */
export function parseArgsOptions(options: Options): NonNullable<ParseArgsConfig['options']> {
  return Object.fromEntries(Object.entries(options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]));
}

/** The typed values of `options` from what parseArgs read. Throws UsageError for an invalid one. */
export function readValues<O extends Options>(options: O, raw: Record<string, unknown>): Values<O> {
  const values: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(options)) values[name] = o.read(raw[name] as string | boolean | undefined, name);
  return values as Values<O>;
}
