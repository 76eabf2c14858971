// Reading records: parse + validate, and move anything that fails into quarantine/ so it is
// reported once and never silently skipped or re-read forever.
import { joinPath as join, relativeTo } from '../core/paths.ts';
import { nodeFs } from '../core/node-fs.ts';
import { MESSAGE_ID_PATTERN, randomToken } from '../core/ids.ts';
import type { Layout } from './layout.ts';
import { FILE_MODE, folderProblem, listNames, moveIfPresent, readStoreFile } from './files.ts';
import type { RecordKind, recordSchemas } from './schema.ts';
import { hotChecks, isHotKind } from './record-check.ts';

export interface Problem {
  /** Where the file was. */
  path: string;
  /** Where it is now. */
  quarantinedTo: string;
  reason: string;
}

export type ProblemSink = (problem: Problem) => void;

type Schemas = typeof recordSchemas;
export type RecordOf<K extends RecordKind> = ReturnType<Schemas[K]['parse']>;

let schemas: Schemas | undefined;
export async function loadSchemas(): Promise<Schemas> {
  // zod costs ~35 ms to import and build: only the cold records (claims, the store marker) load it.
  schemas ??= (await import('./schema.ts')).recordSchemas;
  return schemas;
}

/**
 * Run each hot check once on a sample record, so the first parse of a wake does not pay for the
 * engine's first compile of the checks. zod is not loaded: the hot records never need it.
 */
export async function warmRecords(): Promise<void> {
  const at = new Date(0).toISOString();
  const id = '0000000000000-0000000000';
  hotChecks.message({ v: 1, id, from: { code: 'human' }, to: ['abcd'], scope: 'direct', thread: id, created_at: at, body: 'x' });
  hotChecks.agent({
    v: 1,
    code: 'abcd',
    project: 'p',
    project_root: '/',
    cwd: '/',
    pid: 1,
    pid_start: '1',
    status: '',
    status_at: at,
    registered_at: at,
  });
  hotChecks.activity({ v: 1, state: 'idle', at });
  hotChecks.watcher({ v: 1, pid: 1, pid_start: '1', armed_at: at });
}

export async function parseRecord<K extends RecordKind>(
  kind: K,
  text: string,
): Promise<{ ok: true; value: RecordOf<K> } | { ok: false; reason: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${jsonErrorKind(error, text)})` };
  }
  if (isHotKind(kind)) {
    const checked = hotChecks[kind](json);
    if (checked.ok) return { ok: true, value: checked.value as RecordOf<K> };
    return { ok: false, reason: `not a valid ${kind} record: ${issuePath(checked.issue.path)}: ${checked.issue.kind}` };
  }
  const result = (await loadSchemas())[kind].safeParse(json);
  if (result.success) return { ok: true, value: result.data as RecordOf<K> };
  const first = result.error.issues[0];
  return { ok: false, reason: `not a valid ${kind} record: ${first ? `${issuePath(first.path)}: ${issueKind(first)}` : 'invalid'}` };
}

// A reason is written to quarantine/*.reason.txt and shown to whoever was reading (a model, a
// person), so it never quotes the file: JSON.parse and zod messages can echo the input
// ("Unexpected identifier "hunter2""). Reasons name the kind of failure and where, in words of
// our own; the file itself is kept in quarantine/ for whoever wants to look.

function jsonErrorKind(error: unknown, text: string): string {
  if (text.trim() === '') return 'the file is empty';
  const message = error instanceof Error ? error.message : '';
  if (/EOF|end of (?:data|input|JSON)|Unterminated/i.test(message)) return `it ends early, after ${text.length} characters`;
  return `a syntax error in ${text.length} characters`;
}

/** The failing field's path, keeping only names a schema could have (record keys, indexes). */
function issuePath(path: readonly PropertyKey[]): string {
  const parts = path.map((part) =>
    typeof part === 'number' || (typeof part === 'string' && /^[a-z_][a-z0-9_]{0,39}$/i.test(part)) ? String(part) : '?',
  );
  return parts.join('.') || '(root)';
}

function issueKind(issue: { code: string; expected?: unknown }): string {
  if (issue.code === 'invalid_type' && typeof issue.expected === 'string' && /^[a-z]{1,20}$/.test(issue.expected))
    return `expected ${issue.expected}`;
  return /^[a-z_]{1,40}$/.test(issue.code) ? issue.code.replace(/_/g, ' ') : 'invalid';
}

/** Move a bad file to quarantine/ with a note of why. Returns the problem, or undefined if the file vanished. */
export async function quarantine(layout: Layout, path: string, reason: string, now: number): Promise<Problem | undefined> {
  const flat = relativeTo(layout.root, path).replace(/[\\/]/g, '__');
  const dest = join(layout.quarantine, `${now}-${randomToken(4)}-${flat}`);
  if (!(await moveIfPresent(path, dest, layout.quarantine))) return undefined;
  nodeFs().writeFileSync(`${dest}.reason.txt`, `${path}\n${reason}\n`, { mode: FILE_MODE, flag: 'wx' }); // wx: never through a planted link
  return { path, quarantinedTo: dest, reason };
}

/**
 * The `*.json` names in a store folder whose stem is a valid id (`isId`): a file planted under
 * any other name is quarantined and reported, not left to make every later reader fail when the
 * name is turned into a path (ids are checked before they touch a path).
 */
export async function listRecordNames(
  layout: Layout,
  dir: string,
  isId: (stem: string) => boolean,
  what: string,
  report: ProblemSink,
  now: number,
): Promise<string[]> {
  const names = await listNames(dir);
  const valid = names.filter((name) => isId(name.slice(0, -'.json'.length)));
  if (valid.length === names.length) return names;
  for (const name of names) {
    if (valid.includes(name)) continue;
    const problem = await quarantine(layout, join(dir, name), `its name is not a valid ${what}`, now);
    if (problem) report(problem);
  }
  return valid;
}

/** The message files of a folder (inbox states, sent/, log/): listRecordNames with message ids. */
export function listMessageNames(layout: Layout, dir: string, report: ProblemSink, now: number): Promise<string[]> {
  return listRecordNames(layout, dir, (stem) => MESSAGE_ID_PATTERN.test(stem), 'message id', report, now);
}

/**
 * Read and validate one record. Missing file: undefined. Corrupt file: quarantined, reported
 * to `report`, undefined.
 */
export async function readRecord<K extends RecordKind>(
  layout: Layout,
  kind: K,
  path: string,
  report: ProblemSink,
  now: number,
): Promise<RecordOf<K> | undefined> {
  const text = await readStoreText(layout, path, report, now);
  if (text === undefined) return undefined;
  const parsed = await parseRecord(kind, text);
  if (parsed.ok) return parsed.value;
  const problem = await quarantine(layout, path, parsed.reason, now);
  if (problem) report(problem);
  return undefined;
}

/**
 * Is `dir` (a folder of the store) safe to list? Missing or a real folder: yes. A symlink (or a
 * file where a folder belongs): quarantined and reported, so nothing is read through it.
 */
export async function checkStoreFolder(layout: Layout, dir: string, report: ProblemSink, now: number): Promise<boolean> {
  const what = folderProblem(dir);
  if (what === undefined) return true;
  await quarantineFolder(layout, dir, what, report, now);
  return false;
}

/**
 * Before a link is made in `dir` (a folder of the store): a symbolic link there is quarantined
 * and reported, as checkStoreFolder does, so the link makes the real folder afresh instead of
 * landing wherever it points (send-commit.ts). Anything else in the way (a file where a folder
 * belongs, a parent that is a file) is left for the link to fail on.
 */
export async function quarantineIfLinked(layout: Layout, dir: string, report: ProblemSink, now: number): Promise<void> {
  let linked = false;
  try {
    linked = nodeFs().lstatSync(dir, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  } catch {
    return; // ENOTDIR: a parent folder is a file
  }
  if (linked) await quarantineFolder(layout, dir, 'a symbolic link', report, now);
}

async function quarantineFolder(layout: Layout, dir: string, what: string, report: ProblemSink, now: number): Promise<void> {
  const problem = await quarantine(layout, dir, `${what} where a folder of the store belongs: never followed`, now);
  if (problem) report(problem);
}

/**
 * The text of a store file, read without following a symlink or blocking on a fifo. Missing:
 * undefined. Anything but a regular file (a symlink, fifo, folder, device): quarantined unread,
 * reported, undefined.
 */
export async function readStoreText(layout: Layout, path: string, report: ProblemSink, now: number): Promise<string | undefined> {
  const read = readStoreFile(path);
  if (read.kind === 'text') return read.text;
  if (read.kind === 'special') {
    const problem = await quarantine(
      layout,
      path,
      `${read.what}, not a regular file: never read (intercom does not follow links or open special files in its store)`,
      now,
    );
    if (problem) report(problem);
  }
  return undefined;
}
