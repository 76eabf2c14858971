// Reading records: parse + validate, and move anything that fails into quarantine/ so it is
// reported once and never silently skipped or re-read forever.
import { joinPath as join, relativeTo } from '../core/paths.ts';
import { describeError } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { randomToken } from '../core/ids.ts';
import type { Layout } from './layout.ts';
import { FILE_MODE, moveIfPresent, readTextIfPresent } from './files.ts';
import type { RecordKind, recordSchemas } from './schema.ts';

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
  // zod costs ~15 ms to import; only paths that actually parse records pay for it.
  schemas ??= (await import('./schema.ts')).recordSchemas;
  return schemas;
}

/**
 * Load the schemas and run each once on a sample record. zod compiles a validator on a schema's
 * first parse; a watcher does this while it waits, so a wake does not pay for it.
 */
export async function warmRecords(): Promise<void> {
  const s = await loadSchemas();
  const at = new Date(0).toISOString();
  const id = '0000000000000-0000000000';
  s.message.safeParse({ v: 1, id, from: { code: 'human' }, to: ['abcd'], scope: 'direct', thread: id, created_at: at, body: 'x' });
  s.agent.safeParse({ v: 1, code: 'abcd', project: 'p', project_root: '/', cwd: '/', pid: 1, pid_start: '1', status: '', status_at: at, registered_at: at });
  s.activity.safeParse({ v: 1, state: 'idle', at });
  s.watcher.safeParse({ v: 1, pid: 1, pid_start: '1', armed_at: at });
}

export async function parseRecord<K extends RecordKind>(
  kind: K,
  text: string,
): Promise<{ ok: true; value: RecordOf<K> } | { ok: false; reason: string }> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${describeError(error)})` };
  }
  const result = (await loadSchemas())[kind].safeParse(json);
  if (result.success) return { ok: true, value: result.data as RecordOf<K> };
  const first = result.error.issues[0];
  return { ok: false, reason: `not a valid ${kind} record: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}` };
}

/** Move a bad file to quarantine/ with a note of why. Returns the problem, or undefined if the file vanished. */
export async function quarantine(layout: Layout, path: string, reason: string, now: number): Promise<Problem | undefined> {
  const flat = relativeTo(layout.root, path).replace(/[\\/]/g, '__');
  const dest = join(layout.quarantine, `${now}-${randomToken(4)}-${flat}`);
  if (!(await moveIfPresent(path, dest, layout.quarantine))) return undefined;
  nodeFs().writeFileSync(`${dest}.reason.txt`, `${path}\n${reason}\n`, { mode: FILE_MODE });
  return { path, quarantinedTo: dest, reason };
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
  const text = await readTextIfPresent(path);
  if (text === undefined) return undefined;
  const parsed = await parseRecord(kind, text);
  if (parsed.ok) return parsed.value;
  const problem = await quarantine(layout, path, parsed.reason, now);
  if (problem) report(problem);
  return undefined;
}
