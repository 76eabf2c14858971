// tmux, the way intercom uses it: list panes (with the pid of each pane's shell) and type one
// line into a pane. Text bound for a pane is stripped of control characters and escape sequences
// first: it is typed into someone's terminal. Callers type only safe tokens (codes, ids, store
// paths), never text a peer wrote.
//
// Typing never lands on top of a person's half-typed prompt. A line is typed only into a pane
// that shows an empty Claude Code prompt with its cursor on it: the cursor's row is `❯` and
// nothing else, the cursor right after it, and only blank rows down to the input box's bottom
// border (`─…`). Anything else (a draft, a multi-line draft, a dialog, a prompt suggestion, a
// shell) and nothing is typed. Between that check and the keystrokes a person can still start
// typing; so, once the text is typed, the input is read again, and Enter is pressed only when it
// holds exactly what was typed. When it does not, Enter is not pressed and nothing is erased
// (backspaces could delete the person's own keystrokes arriving at the same time): the line stays
// in their input, unsent, for them to keep or clear. What is left is a window of a few
// milliseconds between that last read and Enter.
import { sliceChars } from '../core/text.ts';

export interface Pane {
  /** %12 */
  id: string;
  /** The pid of the process the pane runs (usually a shell). */
  pid: number;
  /** session:window.pane, e.g. "work:1.0". */
  target: string;
}

export interface TmuxOptions {
  /** Extra arguments selecting the server, e.g. ["-L", "mysocket"] (CLAUDE_INTERCOM_TMUX). */
  serverArgs: string[];
}

function run(args: string[], options: TmuxOptions): { ok: boolean; stdout: string; stderr: string } {
  let result;
  try {
    // -u: without a UTF-8 locale (LANG unset, as under cron or a bare `env -i`) tmux prints the
    // tabs of our formats, and any non-ASCII text, as "_"; the panes would then not parse at all.
    result = Bun.spawnSync(['tmux', '-u', ...options.serverArgs, ...args], { stdout: 'pipe', stderr: 'pipe' });
  } catch {
    return { ok: false, stdout: '', stderr: 'tmux is not installed' };
  }
  return { ok: result.exitCode === 0, stdout: result.stdout.toString(), stderr: result.stderr.toString() };
}

/** Every pane of the tmux server; [] when tmux is missing or no server runs. */
export function listPanes(options: TmuxOptions): Pane[] {
  const out = run(['list-panes', '-a', '-F', '#{pane_id}\t#{pane_pid}\t#{session_name}:#{window_index}.#{pane_index}'], options);
  if (!out.ok) return [];
  return out.stdout
    .split('\n')
    .map((line) => line.split('\t'))
    .filter((parts) => parts.length === 3 && /^\d+$/.test(parts[1]!))
    .map(([id, pid, target]) => ({ id: id!, pid: Number(pid), target: target! }));
}

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), other two-byte escapes, then any C0/C1
// control or DEL left over.
const ESCAPES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g;
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/** One safe line: escape sequences and control characters removed, whitespace collapsed, capped. */
export function sanitizeForPane(text: string, maxChars = 1_000): string {
  const line = text.replace(ESCAPES, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
  return line.length > maxChars ? `${sliceChars(line, maxChars - 1)}…` : line;
}

/** Why a line was not typed (or not submitted); the wording goes into delivery notes and errors. */
export const PANE_BUSY = 'someone is typing in that pane';
export const PANE_NOT_AT_PROMPT = 'the pane does not show an empty Claude Code prompt';
export const PANE_RACED =
  'someone typed in that pane while the line was being typed, so Enter was not pressed; the line was left in its input, unsent';
export const PANE_SLOW = 'the typed line did not show up in the pane in time, so Enter was not pressed; it was left in its input, unsent';

/** What the pane shows: its rows (plain text, no styles) and where the cursor is. */
export interface Screen {
  rows: string[];
  cursorX: number;
  cursorY: number;
  /** In copy mode (or another mode): keys would go to tmux, not to the program. */
  inMode: boolean;
}

const CURSOR_MARK = '<<intercom-cursor>> ';

/** The visible screen and the cursor, in one tmux call (one snapshot, as close together as tmux gives). */
function readScreen(target: string, options: TmuxOptions): Screen | string {
  const out = run(
    [
      'capture-pane',
      '-p',
      '-t',
      target,
      ';',
      'display-message',
      '-p',
      '-t',
      target,
      `${CURSOR_MARK}#{cursor_x} #{cursor_y} #{pane_in_mode}`,
    ],
    options,
  );
  if (!out.ok) return out.stderr.trim() || `tmux could not read pane ${target}`;
  const at = out.stdout.lastIndexOf(CURSOR_MARK);
  const cursor = at >= 0 ? /^(\d+) (\d+) (\d+)/.exec(out.stdout.slice(at + CURSOR_MARK.length)) : null;
  if (!cursor) return `tmux gave no cursor position for pane ${target}`;
  const rows = out.stdout.slice(0, at).split('\n');
  return { rows, cursorX: Number(cursor[1]), cursorY: Number(cursor[2]), inMode: cursor[3] !== '0' };
}

/** Claude Code's prompt character, then a space (Claude Code draws a no-break space). */
const PROMPT_ROW = /^❯(?:[ \u00a0](.*))?$/;
const isBorder = (row: string) => row.startsWith('─');
const isBlank = (row: string) => /^[\s\u00a0]*$/.test(row);

/**
 * The rows of the input, from the prompt row down to (not including) the input box's bottom
 * border, when the cursor is in it; undefined when the pane does not show a Claude Code prompt.
 */
function inputRows(screen: Screen): { first: number; rows: string[] } | undefined {
  for (let first = Math.min(screen.cursorY, screen.rows.length - 1); first >= 0; first--) {
    const row = screen.rows[first]!;
    if (PROMPT_ROW.test(row)) {
      const end = screen.rows.findIndex((r, i) => i > first && isBorder(r));
      if (end < 0 || screen.cursorY >= end) return undefined;
      return { first, rows: screen.rows.slice(first, end) };
    }
    if (first < screen.cursorY && isBorder(row)) return undefined; // the top border: no prompt row inside
  }
  return undefined;
}

/** Undefined when the pane shows an empty Claude Code prompt with the cursor on it; else why not. */
export function emptyPromptProblem(screen: Screen): string | undefined {
  const input = screen.inMode ? undefined : inputRows(screen);
  if (!input) return PANE_NOT_AT_PROMPT;
  const [promptRow, ...rest] = input.rows;
  const draft = PROMPT_ROW.exec(promptRow!)?.[1] ?? '';
  if (!isBlank(draft) || rest.some((r) => !isBlank(r))) return PANE_BUSY;
  if (screen.cursorY !== input.first || screen.cursorX !== 2) return PANE_BUSY; // a cursor moved off the start: be safe
  return undefined;
}

const squeeze = (s: string) => s.replace(/[\s\u00a0]+/g, '');

/** What the input holds once `line` was typed into an empty prompt: 'exact', 'partial' (still drawing), or 'other'. */
function typedState(screen: Screen, line: string): 'exact' | 'partial' | 'other' {
  const input = screen.inMode ? undefined : inputRows(screen);
  if (!input) return 'other';
  const shown = squeeze(input.rows.join('\n').replace(/^❯/, ''));
  const want = squeeze(line);
  if (shown === want) return 'exact';
  return want.startsWith(shown) ? 'partial' : 'other';
}

/** How long the typed line may take to show up in the pane before giving up (no Enter then). */
const ECHO_WAIT_MS = 2_000;

/**
 * Type a line into a pane that shows an empty Claude Code prompt, and press Enter once the input
 * holds exactly that line (see the top of this file). The text goes literally (-l), so key names
 * in it are not interpreted; Enter is sent separately (a paste followed at once by Enter can be
 * taken as part of the paste). Returns why it was not typed or not submitted, or undefined.
 */
export async function typeIntoPane(target: string, text: string, options: TmuxOptions): Promise<string | undefined> {
  const line = sanitizeForPane(text);
  if (line === '') return 'nothing to type';
  const before = readScreen(target, options);
  if (typeof before === 'string') return before;
  const problem = emptyPromptProblem(before);
  if (problem) return problem;
  const typed = run(['send-keys', '-t', target, '-l', '--', line], options);
  if (!typed.ok) return typed.stderr.trim() || `tmux send-keys to ${target} failed`;
  const deadline = Date.now() + ECHO_WAIT_MS;
  for (let wait = 5; ; wait = Math.min(wait * 2, 80)) {
    const after = readScreen(target, options);
    const state = typeof after === 'string' ? 'other' : typedState(after, line);
    if (state === 'exact') break;
    if (state === 'other') return PANE_RACED;
    if (Date.now() > deadline) return PANE_SLOW;
    await Bun.sleep(wait);
  }
  const entered = run(['send-keys', '-t', target, 'Enter'], options);
  if (!entered.ok) return entered.stderr.trim() || `tmux could not press Enter in ${target}`;
  return undefined;
}
