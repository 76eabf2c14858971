// Carrying out a plan: Claude Code's own `claude mcp` commands first (the step most likely to
// fail, so a failure leaves the rest untouched), then the files, each backed up before it
// changes (one folder per run) and replaced atomically (tmp + rename) through a symbolic link,
// keeping its mode; Claude Code's user config under the lock Claude Code takes for it; last the
// folders install created, each if it is empty. A JSON file is written only once its new text
// parses as its reader will parse it.
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { IntercomError, hasErrno } from '../../core/errors.ts';
import { sliceTail } from '../../core/text.ts';
import { jsonProblem } from './json-edit.ts';
import type { ClaudeCommand, CurrentFiles, FileChange, InstallState, InstallTarget, Plan } from './plan.ts';
import { SERVER_NAME } from './plan.ts';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if (hasErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

export function readCurrent(target: InstallTarget): CurrentFiles {
  return { userConfig: read(target.userConfigFile), settings: read(target.settingsFile), skill: read(target.skillFile) };
}

export function readState(target: InstallTarget): InstallState {
  const skillDir = dirname(target.skillFile);
  const folders = [dirname(target.settingsFile), dirname(skillDir), skillDir];
  return { record: read(target.recordFile), missingFolders: folders.filter((f) => !existsSync(f)) };
}

export interface Applied {
  path: string;
  backup?: string;
  deleted: boolean;
}

export interface ApplyOptions {
  /** One folder per run (e.g. ~/.claude/backups/intercom-<time>/); files keep their names. */
  backupDir: string;
  /** The `claude` that runs the plan's commands. */
  claude: string | undefined;
  /** The environment for `claude`. */
  env: Record<string, string | undefined>;
  /** Said once when a running Claude Code holds the lock on its user config and this waits. */
  onWait(lockFile: string): void;
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<{ applied: Applied[]; folders: string[] }> {
  const applied: Applied[] = [];
  const backup = (path: string, text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    mkdirSync(options.backupDir, { recursive: true, mode: 0o700 });
    const copy = join(options.backupDir, basename(path));
    writeFileSync(copy, text, { mode: 0o600 });
    return copy;
  };
  // The last guard, before anything changes: a JSON text that its reader would not take is a bug
  // in the plan, and writing it would break the user's file.
  for (const change of plan.changes) checkText(change, change.after, []);
  const ran: string[] = [];
  for (const command of plan.commands) {
    // One backup of the file before the first command changes it.
    if (!applied.some((a) => a.path === command.file)) {
      applied.push({ path: command.file, ...withBackup(backup(command.file, read(command.file))), deleted: false });
    }
    runClaude(command, options, ran);
    ran.push(commandName(command));
  }
  for (const change of plan.changes) {
    if (change.redo) {
      const result = await writeUnderClaudeLock(change, change.redo, options.onWait, backup, (text) => checkText(change, text, applied));
      if (result) applied.push(result);
      continue;
    }
    // Compare, then rename: a file someone changed since it was read is not written over.
    if (read(change.path) !== change.before) {
      throw new IntercomError('CONFLICT', `${change.path} changed while intercom was working on it; run this again.${doneSoFar(applied)}`);
    }
    const saved = backup(change.path, change.before);
    if (change.after === undefined) unlinkSync(change.path);
    else writeThrough(change.path, change.after);
    applied.push({ path: change.path, ...withBackup(saved), deleted: change.after === undefined });
  }
  const folders = plan.folders.filter(removeIfEmpty);
  return { applied, folders };
}

/** `claude mcp add-json`: the command without its arguments. */
export const commandName = ({ args: [group, verb] }: ClaudeCommand) => `claude ${group} ${verb}`;

const withBackup = (backup: string | undefined) => (backup ? { backup } : {});
const doneSoFar = (applied: Applied[]) =>
  applied.length ? ` Already changed: ${applied.map((a) => a.path).join(', ')}.` : ' Nothing was changed.';

/** A change's new JSON text, as its reader will parse it; a broken one is never written. */
function checkText(change: FileChange, text: string | undefined, applied: Applied[]): void {
  if (text === undefined || change.format === undefined) return;
  const problem = jsonProblem(text, { comments: change.format === 'jsonc' });
  if (problem === undefined) return;
  throw new IntercomError(
    'BAD_INPUT',
    `intercom's change to ${change.path} would not be valid JSON (${problem}), so it was not written; the file is as it was ` +
      `(this is a bug in intercom: please report it, with the file).${doneSoFar(applied)}`,
  );
}

/**
 * `claude mcp …`, then a look at the file it changes: the entry must be there (or gone) as asked,
 * or Claude Code wrote another file than intercom reads.
 */
function runClaude(command: ClaudeCommand, options: ApplyOptions, ran: string[]): void {
  const shown = `claude ${command.args.join(' ')}`;
  const before = ran.length ? ` Already run: ${ran.join(', ')}; run this again.` : ' Nothing was changed.';
  // intercom runs Claude Code only to edit its config: no telemetry or update checks for that.
  const env = { ...options.env, CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1' };
  const result = Bun.spawnSync([options.claude!, ...command.args], {
    env,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    timeout: 60_000,
  });
  if (result.exitCode !== 0) {
    const said = sliceTail(`${result.stderr.toString()}${result.stdout.toString()}`.trim(), 400).replace(/\s*\n\s*/g, ' ');
    const how = result.exitCode === null ? 'timed out' : `exit ${result.exitCode}`;
    throw new IntercomError('IO', `\`${shown}\` failed (${how}: ${said}).${before}`);
  }
  const adding = command.args[1] === 'add-json';
  const wanted: unknown = adding ? JSON.parse(command.args.at(-1)!) : undefined;
  if (!Bun.deepEquals(serverIn(command.file), wanted)) {
    throw new IntercomError(
      'IO',
      `\`${shown}\` succeeded, but ${command.file} ${adding ? 'does not have that server' : 'still has the server'}: ` +
        'this claude writes another config file (is CLAUDE_CONFIG_DIR the same for it?).',
    );
  }
}

/** Our entry in Claude Code's user config as it is on disk now. */
function serverIn(file: string): unknown {
  const text = read(file);
  if (text === undefined) return undefined;
  try {
    return (JSON.parse(text) as { mcpServers?: Record<string, unknown> }).mcpServers?.[SERVER_NAME];
  } catch (error) {
    throw new IntercomError('IO', `${file} is not valid JSON after \`claude mcp\` wrote it (${(error as Error).message})`, {
      cause: error,
    });
  }
}

/**
 * Replace a file's text atomically; through a symbolic link (a dotfiles setup stays linked),
 * keeping the mode. These files hold API keys and tokens: the temp file is created with the
 * file's mode (the umask may only narrow it, and fchmod then sets it exactly), never more open;
 * under a name no one can guess, created afresh ('wx': never through a planted file or link);
 * fsynced before the rename and the folder after it, so a crash leaves the old file or the new,
 * never an empty one; removed when anything fails.
 */
function writeThrough(path: string, text: string): void {
  let real = path;
  let mode = 0o600;
  try {
    real = realpathSync(path);
    mode = statSync(real).mode & 0o777;
  } catch (error) {
    if (!hasErrno(error, 'ENOENT')) throw error;
  }
  const dir = dirname(real);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = `${real}.intercom-${randomBytes(8).toString('hex')}.tmp`;
  const fd = openSync(tmp, 'wx', mode);
  try {
    try {
      writeFileSync(fd, text);
      fchmodSync(fd, mode);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, real);
  } catch (error) {
    try {
      unlinkSync(tmp);
    } catch {
      // Best effort: our own temp file, gone already or not removable; the first error is the one to tell.
    }
    throw error;
  }
  const folder = openSync(dir, 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/** Claude Code 2.1.330 waits for this lock (proper-lockfile, `<file>.lock`, 10 s stale) and re-reads the file under it before each save. */
const STALE_MS = 10_000;

/**
 * Claude Code rewrites its user config while it runs. It takes `<file>.lock` (a proper-lockfile
 * lock) and reads the file afresh under it before every save, so a change made by another holder
 * of that lock is never lost, and neither is its own. We do the same: lock, read, change, write,
 * unlock. A writer that ignores the lock (a Claude Code from before it took one, another tool)
 * can still race us; that window is the few microseconds between our read and our rename.
 */
async function writeUnderClaudeLock(
  change: FileChange,
  redo: (text: string | undefined) => string | undefined,
  onWait: (lockFile: string) => void,
  backup: (path: string, text: string | undefined) => string | undefined,
  check: (text: string | undefined) => void,
): Promise<Applied | undefined> {
  // Loaded here, not at import: every other command loads this module's importer and never locks.
  const { default: lockfile } = await import('proper-lockfile');
  const lockFile = `${change.path}.lock`;
  let compromised: Error | undefined;
  const lockOptions = {
    lockfilePath: lockFile,
    realpath: false,
    stale: STALE_MS,
    // proper-lockfile's default throws from a timer, which would crash the process; a lock lost
    // after our write (while releasing it) only means its release fails, which is then no error.
    onCompromised: (error: Error) => {
      compromised = error;
    },
  };
  mkdirSync(dirname(change.path), { recursive: true, mode: 0o700 });
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(change.path, { ...lockOptions, retries: 0 });
  } catch (error) {
    if (!hasErrno(error, 'ELOCKED')) throw error;
    onWait(lockFile);
    try {
      // Past the stale time, a lock whose holder died is taken over.
      release = await lockfile.lock(change.path, {
        ...lockOptions,
        retries: { retries: 60, minTimeout: 50, maxTimeout: 300, factor: 1.2 },
      });
    } catch (again) {
      if (!hasErrno(again, 'ELOCKED')) throw again;
      throw new IntercomError(
        'CONFLICT',
        `${change.path} stayed locked by a running Claude Code (${lockFile}); run this again in a moment. Nothing else was changed.`,
        { cause: again },
      );
    }
  }
  try {
    // Read, change, write: synchronous from lock() returning to the rename, no await. proper-lockfile
    // reports a lost lock (onCompromised) only from its own timer callbacks, which cannot run in
    // between, so a "was the lock lost?" check here, before the write or after it, could never
    // fire: there is none. The lock stays ours for the few microseconds this takes.
    const before = read(change.path);
    const after = redo(before);
    if (after === before) return undefined;
    check(after);
    const saved = backup(change.path, before);
    if (after === undefined) unlinkSync(change.path);
    else writeThrough(change.path, after);
    return { path: change.path, ...withBackup(saved), deleted: after === undefined };
  } finally {
    await release().catch((error: unknown) => {
      if (!compromised && !hasErrno(error, 'ERELEASED', 'ENOTACQUIRED')) throw error;
    });
  }
}

/** rmdir, which fails on a folder that is not empty: that one stays. */
function removeIfEmpty(dir: string): boolean {
  try {
    rmdirSync(dir);
    return true;
  } catch (error) {
    if (hasErrno(error, 'ENOTEMPTY', 'EEXIST', 'ENOENT', 'ENOTDIR')) return false;
    throw error;
  }
}
