// Errors and notes carry their next step as data; each surface names it its own way (a tool for
// the model, a command for a person). No text in src names a tool or command itself, so no
// surface ever has to rewrite another's words.
import { describe, expect, test } from 'bun:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describeError, IntercomError } from '../../src/core/errors.ts';
import { renderNote, withNextStep } from '../../src/core/next-step.ts';
import { unknownRecipient } from '../../src/intercom/addressing.ts';

describe('next steps', () => {
  test('one error, rendered for the model and for a person', () => {
    const error = unknownRecipient('nobody', { live: [], wasAgent: () => false, linked: () => undefined }, undefined, true);
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
