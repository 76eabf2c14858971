// Every Claude Code session on this machine, from its transcript:
// <config dir>/projects/<cwd with non-alphanumerics as "-">/<session id>.jsonl. One stat and one
// head read per file; nothing is cached between calls, so nothing can go stale.
import { hasErrno } from '../../core/errors.ts';
import { isSessionId } from '../../core/ids.ts';
import { nodeFs } from '../../core/node-fs.ts';
import { baseName, joinPath } from '../../core/paths.ts';
import { detectProject } from '../../core/project.ts';
import { readTranscriptHead } from './transcript-head.ts';

export interface SessionRecord {
  id: string;
  cwd: string | undefined;
  project: string;
  title: string | undefined;
  /** The transcript's last write, ms since epoch. */
  lastActive: number;
  transcript: string;
  configDir: string;
}

function listDir(path: string): string[] {
  try {
    return nodeFs().readdirSync(path);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR', 'EACCES')) return [];
    throw error;
  }
}

export function discoverSessions(configDirs: string[]): SessionRecord[] {
  const fs = nodeFs();
  const byId = new Map<string, SessionRecord>();
  const projects = new Map<string, string>(); // cwd → project name, for this call only
  for (const configDir of configDirs) {
    const root = joinPath(configDir, 'projects');
    for (const folder of listDir(root)) {
      const dir = joinPath(root, folder);
      for (const name of listDir(dir)) {
        if (!name.endsWith('.jsonl')) continue;
        const fileId = name.slice(0, -'.jsonl'.length);
        if (!isSessionId(fileId)) continue;
        const transcript = joinPath(dir, name);
        let mtime: number;
        try {
          const stat = fs.statSync(transcript);
          if (!stat.isFile()) continue;
          mtime = stat.mtimeMs;
        } catch (error) {
          if (hasErrno(error, 'ENOENT')) continue; // deleted while we listed
          throw error;
        }
        const known = byId.get(fileId);
        // The same session in two places (copied config, moved project): the newest wins.
        if (known && known.lastActive >= mtime) continue;
        const head = readTranscriptHead(transcript);
        const cwd = head.cwd;
        let project = cwd ? projects.get(cwd) : undefined;
        if (cwd && project === undefined) {
          project = fs.existsSync(cwd) ? detectProject(cwd).name : baseName(cwd);
          projects.set(cwd, project);
        }
        byId.set(fileId, {
          id: fileId,
          cwd,
          project: project ?? folder,
          title: head.title,
          lastActive: mtime,
          transcript,
          configDir,
        });
      }
    }
  }
  return [...byId.values()].sort((a, b) => b.lastActive - a.lastActive);
}
