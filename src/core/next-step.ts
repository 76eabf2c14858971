// What to do next, as data: an error or a note names an operation (peek, who, status…), and each
// surface says it its own way: the model hears the MCP tool ("call peek"), a person the command
// ("run `intercom inbox`"). The text that carries a step states only the fact; the step is
// rendered after it, so no surface ever rewrites another's words.

/** An operation a reader can do next, named per surface by the catalogue below. */
export type Action =
  | { op: 'peek' }
  /**
   * scope all: every project (the CLI's `who` lists every project anyway). withoutOverride: the
   * CLI run with CLAUDE_INTERCOM_SESSION unset (when that variable is what failed).
   */
  | { op: 'who'; scope?: 'all'; withoutOverride?: true }
  | { op: 'list_sessions' }
  | { op: 'claims' }
  /** With an id: that message's receipts; recent: the last messages sent. */
  | { op: 'status'; id?: string; recent?: true }
  | { op: 'send' | 'ask' | 'search' }
  /** A check (and store sweep) only the person can run: the model asks them to. */
  | { op: 'doctor' };

export type NextStep = Action & {
  /** Words before the step, the same on every surface: "to reach several," or "or". */
  lead?: string;
  /** Words after it, the same on every surface: "to list your message ids". */
  why?: string;
  /** A second operation named as an alternative: "use send or ask". */
  or?: Action;
  /** Further steps, named after this one without a verb: ", list_sessions for sessions". */
  also?: (Action & { why?: string })[];
};

/** Who reads the text: a model (MCP tools, hooks) or a person (CLI, dashboard). */
export type Surface = 'model' | 'human';

interface Entry {
  /** The MCP tool, with its arguments when they matter. */
  tool(action: Action): string;
  /** The CLI command, quoted as a person would type it. */
  command(action: Action): string;
  /** "use send" rather than "call send": for operations that are what the reader does, not a lookup. */
  use?: true;
  /** A command with no tool: the model is told to ask the user to run it. */
  person?: true;
}

const cmd = (text: string) => `\`intercom ${text}\``;

const CATALOGUE: Record<Action['op'], Entry> = {
  peek: { tool: () => 'peek', command: () => cmd('inbox') },
  who: {
    tool: (a) => (a.op === 'who' && a.scope === 'all' ? 'who with scope all' : 'who'),
    command: (a) => (a.op === 'who' && a.withoutOverride ? `\`env -u CLAUDE_INTERCOM_SESSION intercom who\`` : cmd('who')),
  },
  list_sessions: { tool: () => 'list_sessions', command: () => cmd('sessions') },
  claims: { tool: () => 'claims', command: () => cmd('claims') },
  status: {
    tool: (a) => (a.op !== 'status' ? 'status' : a.id ? `status with id ${a.id}` : a.recent ? 'status without ids' : 'status'),
    command: (a) =>
      a.op !== 'status' ? cmd('status') : a.id ? cmd(`status ${a.id}`) : a.recent ? `${cmd('status')} without ids` : cmd('status'),
  },
  send: { tool: () => 'send', command: () => cmd('send'), use: true },
  ask: { tool: () => 'ask', command: () => cmd('ask'), use: true },
  search: { tool: () => 'search', command: () => cmd('search'), use: true },
  doctor: { tool: () => cmd('doctor'), command: () => cmd('doctor'), person: true },
};

/** What a surface calls an operation: "who with scope all", "`intercom inbox`". */
export function actionName(action: Action, surface: Surface): string {
  const entry = CATALOGUE[action.op];
  return surface === 'model' ? entry.tool(action) : entry.command(action);
}

/** A step as one clause for a surface: "call peek to list your message ids", "run `intercom inbox` to …". */
export function nextStepText(step: NextStep, surface: Surface): string {
  const entry = CATALOGUE[step.op];
  const verb = entry.use ? 'use' : surface === 'human' ? 'run' : entry.person ? 'ask the user to run' : 'call';
  const or = step.or ? ` or ${actionName(step.or, surface)}` : '';
  const also = (step.also ?? []).map((a) => `, ${actionName(a, surface)}${a.why ? ` ${a.why}` : ''}`).join('');
  return `${step.lead ? `${step.lead} ` : ''}${verb} ${actionName(step, surface)}${or}${step.why ? ` ${step.why}` : ''}${also}`;
}

/**
 * A fact followed by its next step: a new sentence after one that ends in a full stop, else a
 * clause after "; ". Without a step, the fact as it is.
 */
export function withNextStep(text: string, step: NextStep | undefined, surface: Surface): string {
  if (!step) return text;
  const clause = nextStepText(step, surface);
  return /[.!?]$/.test(text) ? `${text} ${clause[0]!.toUpperCase()}${clause.slice(1)}` : `${text}; ${clause}`;
}

/** A note (of a delivery, a receipt) that may name a next step. */
export interface Noted {
  note: string;
  next?: NextStep;
}

/** The note rendered for a surface, the step folded into its text (for JSON and structured results). */
export function renderNote<T extends Noted>(item: T, surface: Surface): Omit<T, 'next'> & { note: string } {
  const { next, ...rest } = item;
  return { ...rest, note: withNextStep(item.note, next, surface) };
}

/** Steps more than one place names. */
export const NEXT = {
  listMessageIds: { op: 'peek', why: 'to list your message ids' },
} as const satisfies Record<string, NextStep>;
