// Errors and notes carry their next step as data; each surface names it its own way (a tool for
// the model, a command for a person). No text in src names a tool or command itself, so no
// surface ever has to rewrite another's words.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeError, IntercomError } from '../../src/core/errors.ts';
import { renderNote, withNextStep } from '../../src/core/next-step.ts';
import { NO_REMOTE, unknownRecipient } from '../../src/intercom/addressing.ts';
import { claimNotice, claimWarning } from '../../src/hooks/claim-guard.ts';

describe('next steps', () => {
  test('one error, rendered for the model and for a person', () => {
    const error = unknownRecipient(
      'nobody',
      { live: [], wasAgent: () => false, linked: () => undefined, remote: NO_REMOTE },
      undefined,
      true,
    );
    expect(error.message).toBe("no live agent or Claude session matches 'nobody'; no other agent is live right now.");
    expect(describeError(error, 'model')).toBe(`${error.message} Call who to list agents, list_sessions for sessions`);
    expect(describeError(error, 'human')).toBe(`${error.message} Run \`intercom who\` to list agents, \`intercom sessions\` for sessions`);
    // Logs without a surface get the fact alone.
    expect(describeError(error)).toBe(error.message);
  });

  test('a step follows a clause after "; ", a sentence capitalised; lead, or and arguments per surface', () => {
    const ask = new IntercomError('BAD_INPUT', 'ask goes to one recipient', {
      next: { op: 'send', lead: 'to reach several,', why: '(answers come back to your inbox)' },
    });
    expect(describeError(ask, 'model')).toBe('ask goes to one recipient; to reach several, use send (answers come back to your inbox)');
    expect(describeError(ask, 'human')).toBe(
      'ask goes to one recipient; to reach several, use `intercom send` (answers come back to your inbox)',
    );
    const status = { op: 'status', id: '1763760000000-0a1b2c3d4e', why: 'to follow it' } as const;
    expect(withNextStep('it was kept aside.', status, 'model')).toBe(
      'it was kept aside. Call status with id 1763760000000-0a1b2c3d4e to follow it',
    );
    expect(withNextStep('it was kept aside.', status, 'human')).toBe(
      'it was kept aside. Run `intercom status 1763760000000-0a1b2c3d4e` to follow it',
    );
    const claim = { op: 'send', or: { op: 'ask' }, why: 'to reach ab12' } as const;
    expect(withNextStep('nothing was claimed', claim, 'model')).toBe('nothing was claimed; use send or ask to reach ab12');
    expect(withNextStep('nothing was claimed', claim, 'human')).toBe(
      'nothing was claimed; use `intercom send` or `intercom ask` to reach ab12',
    );
    expect(withNextStep('none here', { op: 'who', scope: 'all', lead: 'or' }, 'model')).toBe('none here; or call who with scope all');
    expect(withNextStep('none here', { op: 'who', scope: 'all', lead: 'or' }, 'human')).toBe('none here; or run `intercom who`');
    expect(withNextStep('just a fact', undefined, 'human')).toBe('just a fact');
  });

  test('a command only the person can run: the model is told to ask the user; a failed override: the command runs without it', () => {
    const swept = { op: 'doctor', lead: 'or', why: 'to sweep now' } as const;
    expect(withNextStep('it waits', swept, 'model')).toBe('it waits; or ask the user to run `intercom doctor` to sweep now');
    expect(withNextStep('it waits', swept, 'human')).toBe('it waits; or run `intercom doctor` to sweep now');
    const who = { op: 'who', withoutOverride: true, why: 'to list the live agents' } as const;
    expect(withNextStep('no such agent', who, 'human')).toBe(
      'no such agent; run `env -u CLAUDE_INTERCOM_SESSION intercom who` to list the live agents',
    );
    expect(withNextStep('no such agent', who, 'model')).toBe('no such agent; call who to list the live agents');
  });

  test('a note is rendered with its step folded in, the step itself dropped', () => {
    const delivery = {
      to: 's-1',
      via: 'stored' as const,
      note: 'it waits',
      next: { op: 'ask', lead: 'or', why: 'to put a question to it' } as const,
    };
    expect(renderNote(delivery, 'model')).toEqual({ to: 's-1', via: 'stored', note: 'it waits; or use ask to put a question to it' });
    expect(renderNote(delivery, 'human')).toEqual({
      to: 's-1',
      via: 'stored',
      note: 'it waits; or use `intercom ask` to put a question to it',
    });
  });
});

// ---- the source scan ----

const SRC = join(import.meta.dir, '..', '..', 'src');

/** A tool or command named as something to do: what a surface would have to rewrite for the other. */
const HINT =
  /\b(?:call|use|see|run)\s+`?(?:intercom\s+)?(?:peek|who|whoami|status|set_status|claims?|release|list_sessions|search|send|ask|reply|ack|ack_all|thread|inbox|sessions)\b|\blist_sessions\b|\((?:peek|who|status|claims|search|send|ask)\)|\((?:send|ask) or (?:send|ask)\)|\bCLI:/i;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/**
 * The top-level pieces of the bracketed list that opens at `open` (split at its commas), string
 * and template contents skipped. Enough TypeScript for argument lists and object literals.
 */
export function topLevelPieces(src: string, open: number): string[] {
  const pieces: string[] = [];
  const stack: string[] = [];
  let start = open + 1;
  for (let i = open; i < src.length; i++) {
    const c = src[i]!;
    const top = stack.at(-1);
    if (top === "'" || top === '"' || top === '`') {
      if (c === '\\') i++;
      else if (c === top) stack.pop();
      else if (top === '`' && c === '$' && src[i + 1] === '{') {
        stack.push('${');
        i++;
      }
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      continue;
    }
    if (c === "'" || c === '"' || c === '`') stack.push(c);
    else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c === ')' || c === ']' || c === '}') {
      stack.pop();
      if (stack.length === 0) {
        pieces.push(src.slice(start, i));
        return pieces;
      }
    } else if (c === ',' && stack.length === 1) {
      pieces.push(src.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error(`unbalanced at ${open}`);
}

/** Every IntercomError's message (its second argument) and every `note:` in src, with where it is. */
function texts(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const file of sourceFiles(SRC)) {
    const src = readFileSync(file, 'utf8');
    const at = (index: number) => `${relative(SRC, file)}:${src.slice(0, index).split('\n').length}`;
    for (const m of src.matchAll(/new IntercomError\(/g)) {
      const message = topLevelPieces(src, m.index + m[0].length - 1)[1];
      if (message !== undefined) found.push({ where: at(m.index), text: message });
    }
    // A note's value: the expression up to the end of its object literal's entry.
    for (const m of src.matchAll(/\bnote: /g)) {
      const line = src.slice(src.lastIndexOf('\n', m.index) + 1, m.index);
      if (line.includes('//') || line.trim().startsWith('*')) continue; // a comment
      const rest = `(${src.slice(m.index + m[0].length)}`;
      found.push({ where: at(m.index), text: topLevelPieces(rest, 0)[0]! });
    }
  }
  return found;
}

describe('no error or note in src names a tool or a command itself', () => {
  test('the scan finds the texts it checks', () => {
    const all = texts();
    expect(all.length).toBeGreaterThan(80);
    // Sanity: the scan reads messages, not options, and would catch a hint written into one.
    expect(all.some((t) => t.text.includes('is not a valid message id'))).toBe(true);
    expect(HINT.test('`no message ${id} in your inbox; call peek to list your message ids`')).toBe(true);
    expect(HINT.test("'agent gone. Run `intercom who` to see who is around'")).toBe(true);
    expect(HINT.test('\'Use "*" to reach every project\'')).toBe(false);
  });

  test('each names its next step as data (next: …), not in words', () => {
    const offenders = texts()
      .filter((t) => HINT.test(t.text))
      .map((t) => `${t.where}: ${t.text.replace(/\s+/g, ' ').trim()}`);
    expect(offenders).toEqual([]);
  });
});

// ---- which surface's words a text may use ----

/** CLI commands and flags: what the model cannot run (it has tools), so no text it reads names them. */
const CLI_WORDS =
  /`intercom \w|\bintercom (?:who|send|ask|inbox|reply|ack|tail|dashboard|status|thread|search|claims?|release|sessions|install|uninstall|doctor)\b(?! tool)|(?<![\w-])--(?:timeout|ttl|limit|since|store-only|reply-to|here|fix|dry-run|port|from|reason|project|json|all|live)\b/;
/** MCP tool and input names: what a person at the CLI never types, so no text they read names them. */
const MODEL_WORDS = /\b(?:peek|deliver_live|timeout_s|ttl_minutes|list_sessions|ack_all|set_status|reply_to|offset)\b/;

/** Who reads a file's texts. Errors and notes below the front-ends reach both surfaces. */
function readerOf(file: string): 'both' | 'model' | 'human' | 'exempt' {
  if (EXEMPT.has(file)) return 'exempt';
  if (file.startsWith('mcp/') || MODEL_ONLY.has(file)) return 'model';
  if (file.startsWith('cli/')) return 'human';
  if (file.startsWith('relay/')) return 'human'; // the relay's stderr: a terminal or the service's journal
  return 'both';
}
const MODEL_ONLY = new Set([
  'hooks/deliver.ts', // mail handed to the model
  'intercom/presentation.ts', // frames for models
  'intercom/nudge.ts', // typed into a Claude session's pane
  'intercom/ask/framing.ts',
]);
const EXEMPT = new Set([
  'core/next-step.ts', // the catalogue: each surface's words, on purpose
  'store/schema.ts', // the on-disk format's documentation (JSON Schemas for other tools)
  'store/record-check.ts',
  'mcp/main.ts', // the server process's usage and stderr log: read in a terminal
  'hooks/main.ts', // a failed hook's systemMessage and the usage: read by the person
  'hooks/claim-guard.ts', // one text for each reader: checked by what it renders, below
  'cli/dashboard/page.ts', // the page's own script and its HTTP fields
  'cli/dashboard/send.ts',
]);
/**
 * Known offenders in files another change owns right now; each is to be fixed there, then taken
 * off this list (the test below fails once a listed text is gone, so the list cannot go stale).
 */
const KNOWN: { file: string; text: string }[] = [];

/**
 * Every string literal of a TypeScript source (a template's text parts, "…" for each ${}),
 * comments and regular expressions skipped: enough of a lexer for this code base.
 */
export function stringLiterals(src: string): { text: string; index: number }[] {
  const found: { text: string; index: number }[] = [];
  const templates: number[] = []; // the brace depth at each open ${
  let depth = 0;
  let last = ''; // the last significant character: tells a regex from a division
  const template = (start: number): number => {
    let text = '';
    for (let j = start; j < src.length; j++) {
      const c = src[j]!;
      if (c === '\\') {
        text += src.slice(j, j + 2);
        j++;
      } else if (c === '`') {
        found.push({ text, index: start });
        return j + 1;
      } else if (c === '$' && src[j + 1] === '{') {
        found.push({ text: `${text}…`, index: start });
        templates.push(depth++);
        return j + 2;
      } else text += c;
    }
    throw new Error(`unterminated template at ${start}`);
  };
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i) < 0 ? src.length : src.indexOf('\n', i);
    } else if (c === '/' && src[i + 1] === '*') {
      i = src.indexOf('*/', i) + 2;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      while (src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      found.push({ text: src.slice(i + 1, j), index: i });
      i = j + 1;
      last = 'x';
    } else if (c === '`') {
      i = template(i + 1);
      last = 'x';
    } else if (
      c === '/' &&
      (last === '' || /[(,=:[!&|?{};+\-*%<>~^]/.test(last) || /\b(?:return|typeof|case|of|in)$/.test(src.slice(0, i).trimEnd()))
    ) {
      let j = i + 1;
      for (let inClass = false; j < src.length && (src[j] !== '/' || inClass); j++) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
      }
      for (i = j + 1; /[a-z]/.test(src[i] ?? ''); ) i++;
      last = 'x';
    } else if (c === '}' && templates.at(-1) === depth - 1) {
      templates.pop();
      depth--;
      i = template(i + 1);
      last = 'x';
    } else {
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) last = /[\w$]/.test(c) ? 'x' : c;
      i++;
    }
  }
  return found;
}

/** Texts a reader sees, from every file of src, with who reads them. */
function readerTexts(): { where: string; text: string; reader: ReturnType<typeof readerOf> }[] {
  return sourceFiles(SRC).flatMap((file) => {
    const src = readFileSync(file, 'utf8');
    const rel = relative(SRC, file);
    return stringLiterals(src)
      .filter(({ index }) => !/(?:\bop: |from |import\(|\[)$/.test(src.slice(Math.max(0, index - 8), index)))
      .map(({ text, index }) => ({ where: `${rel}:${src.slice(0, index).split('\n').length}`, text, reader: readerOf(rel) }));
  });
}

describe("each surface's words stay on that surface", () => {
  const all = readerTexts();
  const offence = (t: (typeof all)[number]) =>
    (t.reader !== 'human' && t.reader !== 'exempt' && CLI_WORDS.test(t.text)) ||
    (t.reader !== 'model' && t.reader !== 'exempt' && MODEL_WORDS.test(t.text));
  const knownAs = (t: (typeof all)[number], k: (typeof KNOWN)[number]) => t.where.startsWith(`${k.file}:`) && t.text.includes(k.text);
  const known = (t: (typeof all)[number]) => KNOWN.some((k) => knownAs(t, k));

  test('the lexer finds the texts: notes kept in tables and constants, template parts, not regexes or comments', () => {
    const receipts = all.filter((t) => t.where.startsWith('store/receipts.ts'));
    expect(receipts.some((t) => t.text === 'shown to the recipient by a hook')).toBe(true);
    expect(all.some((t) => t.where.startsWith('intercom/post-office.ts') && t.text.startsWith('NOT typed into tmux pane …'))).toBe(true);
    expect(stringLiterals("const r = /'[a-z]'/g; // 'no'\nconst s = `a ${b ? 'c' : `d${e}`} f`;").map((l) => l.text)).toEqual([
      'a …',
      'c',
      'd…',
      '',
      ' f',
    ]);
    // The word lists catch what they are for, and not the tool names a model-facing hook text uses.
    expect(CLI_WORDS.test('or intercom doctor')).toBe(true);
    expect(CLI_WORDS.test('ask again (CLI --timeout)')).toBe(true);
    expect(CLI_WORDS.test('call the intercom peek tool')).toBe(false);
    expect(MODEL_WORDS.test('(deliver_live was false)')).toBe(true);
    expect(MODEL_WORDS.test('read with peek')).toBe(true);
  });

  test('no text a model reads names a CLI command or flag; no text a person reads names a tool or its inputs', () => {
    const offenders = all.filter((t) => offence(t) && !known(t)).map((t) => `${t.where}: ${t.text.replace(/\s+/g, ' ').trim()}`);
    expect(offenders).toEqual([]);
  });

  test('each known offender is still there (take it off KNOWN once it is fixed)', () => {
    for (const k of KNOWN) expect(all.some((t) => offence(t) && knownAs(t, k))).toBe(true);
  });

  test("the claim guard: the model's reason names tools, the person's notice names commands", () => {
    const claim = {
      owner: 'gfi0',
      owner_name: 'auth-work',
      project: 'webapp',
      project_root: '/w/webapp',
      pattern: 'src/auth/**',
      reason: 'rotating keys',
      expires_at: '2030-01-01T12:00:00.000Z',
    };
    const reason = claimWarning('src/auth/keys.ts', [claim as never])!;
    expect(reason).toContain('ask them first: use send or ask to "gfi0"');
    expect(reason).not.toMatch(CLI_WORDS);
    const notice = claimNotice('src/auth/keys.ts', [claim as never], 'ask')!;
    expect(notice).toContain('`intercom send gfi0 "<your message>"`');
    expect(notice).not.toMatch(MODEL_WORDS);
  });
});
