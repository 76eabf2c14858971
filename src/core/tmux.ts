// tmux, the way intercom uses it: list panes (with the pid of each pane's shell) and type one
// line into a pane. Text bound for a pane is stripped of control characters and escape sequences
// first: it is typed into someone's terminal.

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
  return line.length > maxChars ? `${line.slice(0, maxChars - 1)}…` : line;
}

/**
 * Type a line into a pane and press Enter. The text goes literally (-l), so key names in it are
 * not interpreted; Enter is sent separately (a paste followed at once by Enter can be taken as
 * part of the paste). Returns why it failed, or undefined.
 */
export function typeIntoPane(target: string, text: string, options: TmuxOptions): string | undefined {
  const line = sanitizeForPane(text);
  if (line === '') return 'nothing to type';
  const typed = run(['send-keys', '-t', target, '-l', '--', line], options);
  if (!typed.ok) return typed.stderr.trim() || `tmux send-keys to ${target} failed`;
  const entered = run(['send-keys', '-t', target, 'Enter'], options);
  if (!entered.ok) return entered.stderr.trim() || `tmux could not press Enter in ${target}`;
  return undefined;
}
