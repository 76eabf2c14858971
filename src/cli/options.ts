// A command's options, declared once with their types: node:util parseArgs reads the command
// line, and each option turns what it read into the value `run` receives (a flag a boolean, a
// number within its range a number, a time a Since), or a UsageError that names the flag. No
// command sees a raw parseArgs value, so no bad value reaches the operation below (whose own
// message would name another surface's field).
import type { ParseArgsConfig } from 'node:util';
import { MESSAGE_ID_PATTERN } from '../core/ids.ts';
import type { NumberRange } from '../core/ranges.ts';
import { inRange, rangeText } from '../core/ranges.ts';
import type { Since } from '../core/since.ts';
import { SINCE_FORMS, readSince } from '../core/since.ts';

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

/** A plain decimal, as a person types it: "5", "0.5"; not "0x10", "1e9" or "". */
const DECIMAL = /^\d+(?:\.\d+)?$/;

/** --x N within `range` (core/ranges.ts, the bounds the operation itself holds): a UsageError names the flag and the range. */
function number(range: NumberRange): (raw: string, name: string) => number {
  return (raw, name) => {
    const value = Number(raw.trim());
    if (DECIMAL.test(raw.trim()) && inRange(value, range)) return value;
    throw new UsageError(`--${name} must be ${rangeText(range)}, not "${raw}"`);
  };
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

/** --x ID: a message id, checked here so a typo is named as this flag's. */
function messageId(raw: string, name: string): string {
  if (MESSAGE_ID_PATTERN.test(raw)) return raw;
  throw new UsageError(`--${name} must be a message id like 1763760000000-0a1b2c3d4e, not "${raw}"`);
}

/** --x 2h|3d|DATE. */
function since(raw: string, name: string): Since {
  const value = readSince(raw);
  if (value) return value;
  throw new UsageError(`--${name} must be ${SINCE_FORMS}, not "${raw}"`);
}

export const option = {
  /** --x: true when given. */
  flag,
  /** --x TEXT. */
  string,
  /** --x N within `range`; without the option, `absent` (undefined: the operation's own default). */
  number: ((range: NumberRange, absent?: number) => parsed<number | undefined>(number(range), absent)) as {
    (range: NumberRange): Option<number | undefined>;
    (range: NumberRange, absent: number): Option<number>;
  },
  /** --x ID: a message id, or undefined. */
  messageId: () => parsed<string | undefined>(messageId, undefined),
  /** --x 2h|3d|DATE: a time back from now or a date, or undefined. */
  since: () => parsed<Since | undefined>(since, undefined),
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
