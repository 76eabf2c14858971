// Hand-written checks for the records every hook and wake reads (message, agent, activity,
// watcher), so those paths never load zod: importing zod and building the schemas costs a hook
// ~35 ms of its ~10 ms budget (measured with farm-bench against an empty bun file, Bun 1.4).
// schema.ts stays the source of truth (it makes the JSON Schemas, and checks the cold records);
// test/store/record-check.test.ts proves on generated and mutated records that each check here
// accepts, rejects and strips exactly as its zod schema does.
import {
  CODE_PATTERN,
  MACHINE_PATTERN,
  MAILBOX_PATTERN,
  MESSAGE_ID_PATTERN,
  NAME_PATTERN,
  RECIPIENT_PATTERN,
  SESSION_ID_PATTERN,
} from '../core/ids.ts';
import type { ActivityRecord, AgentRecord, Message, WatcherRecord } from './schema.ts';

/** Why a value failed: the field's path (keys, indexes) and the kind of failure, in zod's words. */
export interface CheckIssue {
  path: (string | number)[];
  kind: string;
}

type Result<T> = { ok: true; value: T } | { ok: false; issue: CheckIssue };
type Check<T> = (value: unknown, path: (string | number)[]) => Result<T>;

const fail = (path: (string | number)[], kind: string): { ok: false; issue: CheckIssue } => ({ ok: false, issue: { path, kind } });

function str(options: { pattern?: RegExp; min?: number; max?: number } = {}): Check<string> {
  return (value, path) => {
    if (typeof value !== 'string') return fail(path, 'expected string');
    if (options.min !== undefined && value.length < options.min) return fail(path, 'too small');
    if (options.max !== undefined && value.length > options.max) return fail(path, 'too big');
    if (options.pattern && !options.pattern.test(value)) return fail(path, 'invalid format');
    return { ok: true, value };
  };
}

/** zod 4's `z.string().datetime({ offset: true })`: RFC 3339 with seconds, `Z` or a ±hh:mm offset, real dates only. */
const ISO_TIME = new RegExp(
  '^(?:(?:\\d\\d[2468][048]|\\d\\d[13579][26]|\\d\\d0[48]|[02468][048]00|[13579][26]00)-02-29|\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|(?:02)-(?:0[1-9]|1\\d|2[0-8])))' +
    'T(?:(?:[01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(?:\\.\\d+)?(?:Z|([+-](?:[01]\\d|2[0-3]):[0-5]\\d)))$',
);
const isoTime = str({ pattern: ISO_TIME });

const positiveInt: Check<number> = (value, path) => {
  if (typeof value !== 'number' || Number.isNaN(value)) return fail(path, 'expected number');
  if (!Number.isSafeInteger(value)) return fail(path, Number.isInteger(value) ? 'too big' : 'expected int');
  if (value <= 0) return fail(path, 'too small');
  return { ok: true, value };
};

const bool: Check<boolean> = (value, path) => (typeof value === 'boolean' ? { ok: true, value } : fail(path, 'expected boolean'));

function literal<T extends string | number>(expected: T): Check<T> {
  return (value, path) => (value === expected ? { ok: true, value: expected } : fail(path, 'invalid value'));
}

function oneOf<T extends string>(values: readonly T[]): Check<T> {
  return (value, path) => (values.includes(value as T) ? { ok: true, value: value as T } : fail(path, 'invalid value'));
}

function arrayOf<T>(item: Check<T>, min: number): Check<T[]> {
  return (value, path) => {
    if (!Array.isArray(value)) return fail(path, 'expected array');
    const out: T[] = [];
    for (let i = 0; i < value.length; i++) {
      const r = item(value[i], [...path, i]);
      if (!r.ok) return r;
      out.push(r.value);
    }
    return out.length < min ? fail(path, 'too small') : { ok: true, value: out };
  };
}

type Shape = Record<string, { check: Check<unknown>; optional?: boolean }>;

/** An object with these keys, in this order; unknown keys are dropped (zod's default `strip`). */
function object<T>(shape: Shape): Check<T> {
  return (value, path) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(path, 'expected object');
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const v = input[key];
      if (v === undefined && field.optional) continue;
      const r = field.check(v, [...path, key]);
      if (!r.ok) return r;
      out[key] = r.value;
    }
    return { ok: true, value: out as T };
  };
}

const req = (check: Check<unknown>) => ({ check });
const opt = (check: Check<unknown>) => ({ check, optional: true });
const mailbox = str({ pattern: MAILBOX_PATTERN });
const messageId = str({ pattern: MESSAGE_ID_PATTERN });

const message = object<Message>({
  v: req(literal(1)),
  id: req(messageId),
  from: req(
    object({
      code: req(mailbox),
      name: opt(str({ pattern: NAME_PATTERN })),
      project: opt(str()),
      machine: opt(str({ pattern: MACHINE_PATTERN })),
    }),
  ),
  to: req(arrayOf(str({ pattern: RECIPIENT_PATTERN }), 1)),
  scope: req(oneOf(['direct', 'project', 'everyone'])),
  project: opt(str()),
  thread: req(messageId),
  reply_to: opt(messageId),
  expects_reply: opt(bool),
  created_at: req(isoTime),
  body: req(str({ min: 1 })),
});

const agent = object<AgentRecord>({
  v: req(literal(1)),
  code: req(str({ pattern: CODE_PATTERN })),
  name: opt(str({ pattern: NAME_PATTERN })),
  project: req(str()),
  project_key: opt(str()),
  project_root: req(str()),
  cwd: req(str()),
  pid: req(positiveInt),
  pid_start: req(str()),
  claude_pid: opt(positiveInt),
  claude_pid_start: opt(str()),
  session_id: opt(str({ pattern: SESSION_ID_PATTERN })),
  transcript_path: opt(str()),
  route: opt(oneOf(['plugin', 'mcp-config', 'manual'])),
  plugin_root: opt(str()),
  status: req(str({ max: 200 })),
  status_at: req(isoTime),
  registered_at: req(isoTime),
});

const activity = object<ActivityRecord>({
  v: req(literal(1)),
  state: req(oneOf(['busy', 'idle'])),
  at: req(isoTime),
  since: opt(isoTime),
  session_id: opt(str({ pattern: SESSION_ID_PATTERN })),
  transcript_path: opt(str()),
  last_pid: opt(positiveInt),
  first_pid: opt(positiveInt),
});

const watcher = object<WatcherRecord>({
  v: req(literal(1)),
  pid: req(positiveInt),
  pid_start: req(str()),
  claude_pid: opt(positiveInt),
  armed_at: req(isoTime),
});

/** The hot records' checks, by kind. Each returns the record with unknown keys dropped, or the first issue. */
export const hotChecks = {
  message: (value: unknown) => message(value, []),
  agent: (value: unknown) => agent(value, []),
  activity: (value: unknown) => activity(value, []),
  watcher: (value: unknown) => watcher(value, []),
};

export type HotKind = keyof typeof hotChecks;

export function isHotKind(kind: string): kind is HotKind {
  return kind in hotChecks;
}
