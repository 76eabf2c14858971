// Writing planned changes: a backup of every file before it changes (all in one folder per
// run), then an atomic replace (tmp + rename) that keeps the file's mode.
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  statSync,
  unlinkSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { hasErrno } from '../../core/errors.ts';
import type { CurrentFiles, FileChange, InstallTarget } from './plan.ts';

export function readCurrent(target: InstallTarget): CurrentFiles {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch (error) {
      if (hasErrno(error, 'ENOENT')) return undefined;
      throw error;
    }
  };
  return { userConfig: read(target.userConfigFile), settings: read(target.settingsFile), skill: read(target.skillFile) };
}

export interface Applied {
  path: string;
  backup?: string;
  deleted: boolean;
}

/** Backups go to one folder per run (e.g. ~/.claude/backups/intercom-<time>/), named after the file. */
export function applyChanges(changes: FileChange[], backupDir: string): Applied[] {
  const applied: Applied[] = [];
  for (const change of changes) {
    let backup: string | undefined;
    let mode = 0o600;
    if (change.before !== undefined && existsSync(change.path)) {
      mode = statSync(change.path).mode & 0o777;
      mkdirSync(backupDir, { recursive: true, mode: 0o700 });
      backup = join(backupDir, basename(change.path));
      copyFileSync(change.path, backup);
    }
    if (change.after === undefined) {
      unlinkSync(change.path);
      removeIfEmpty(dirname(change.path));
      applied.push({ path: change.path, ...(backup ? { backup } : {}), deleted: true });
      continue;
    }
    mkdirSync(dirname(change.path), { recursive: true, mode: 0o700 });
    const tmp = `${change.path}.intercom-tmp-${process.pid}`;
    writeFileSync(tmp, change.after, { mode });
    renameSync(tmp, change.path);
    applied.push({ path: change.path, ...(backup ? { backup } : {}), deleted: false });
  }
  return applied;
}

function removeIfEmpty(dir: string): void {
  if (existsSync(dir) && readdirSync(dir).length === 0) rmdirSync(dir);
}
