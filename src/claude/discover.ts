// Every Claude Code session on this machine a user could resume, from its transcript:
// <config dir>/projects/<cwd with non-alphanumerics as "-">/<session id>.jsonl. One stat, one
// head read and two 64 KB window reads per file; nothing is cached between calls, so nothing can
// go stale.
//
// What is listed follows Claude Code's own resume picker (and its agent SDK's listSessions, which
// mirrors it): a file named by a session UUID, directly in the project folder; not a subagent's
// transcript (`agent-<id>.jsonl` beside the sessions up to 2.0, `<session>/subagents/agent-*.jsonl`
// since; both say `isSidechain: true`), and not one without a prompt a person typed (only
// summary, snapshot or system records, or only a wake). Such files were listed as idle sessions
// titled with a subagent's prompt, and `ask` would have resumed them.
import { hasErrno } from '../core/errors.ts';
import { nodeFs } from '../core/node-fs.ts';
import { baseName, joinPath } from '../core/paths.ts';
import { detectProject } from '../core/project.ts';
import { readTranscriptHead } from './transcript-head.ts';
import { readRecordedTitles } from './transcript-tail.ts';

export interface SessionRecord {
  id: string;
  cwd: string | undefined;
  project: string;
  /** The `/rename` name, else Claude Code's generated title, else the first real prompt (see describeTranscript). */
  title: string | undefined;
  /** The transcript's last write, ms since epoch. */
  lastActive: number;
  transcript: string;
  configDir: string;
  /**
   * False for a main transcript with no prompt a person typed and no name: not a session a user
   * knows, so it is not listed nor resumed, but a claude process just started may be writing it.
   */
  listed: boolean;
}

/** Claude Code names a transcript by its session id, a UUID (crypto.randomUUID; --session-id requires one). */
const TRANSCRIPT_NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.jsonl$/i;

function listDir(path: string): string[] {
  try {
    return nodeFs().readdirSync(path);
  } catch (error) {
    if (hasErrno(error, 'ENOENT', 'ENOTDIR', 'EACCES')) return [];
    throw error;
  }
}

/** The sessions a user could resume (listed transcripts), newest first. */
export function discoverSessions(configDirs: string[]): SessionRecord[] {
  return discoverTranscripts(configDirs).filter((s) => s.listed);
}

/**
 * What a transcript says about its session: `{ cwd?, title?, listed }`, or undefined for a
 * subagent's transcript. Title: a `/rename` name wins (the user chose it), then Claude Code's own
 * generated title, then the first prompt a person typed (wakes and Claude Code's noise skipped).
 */
function describeTranscript(path: string, size: number): Pick<SessionRecord, 'cwd' | 'title' | 'listed'> | undefined {
  const head = readTranscriptHead(path);
  if (head.sidechain) return undefined;
  // No prompt in a head cut short (256 KB of tool output after a wake, say): look at the tail too.
  const unsure = head.title === undefined && !head.complete;
  const recorded = readRecordedTitles(path, size, unsure);
  const asked = head.title !== undefined || recorded.prompt === true;
  return { cwd: head.cwd, title: recorded.custom ?? recorded.generated ?? head.title, listed: asked || recorded.custom !== undefined };
}

/**
 * Every main transcript (session-id name, not a subagent's), listed or not, newest first. The
 * unlisted ones still count when mapping a running claude to its folder's newest transcript.
 */
export function discoverTranscripts(configDirs: string[]): SessionRecord[] {
  const fs = nodeFs();
  const byId = new Map<string, SessionRecord>();
  const projects = new Map<string, string>(); // cwd → project name, for this call only
  for (const configDir of configDirs) {
    const root = joinPath(configDir, 'projects');
    for (const folder of listDir(root)) {
      const dir = joinPath(root, folder);
      for (const name of listDir(dir)) {
        if (!TRANSCRIPT_NAME.test(name)) continue; // agent-<id>.jsonl, notes, the <session>/ folders
        const fileId = name.slice(0, -'.jsonl'.length);
        const transcript = joinPath(dir, name);
        let mtime: number;
        let size: number;
        try {
          const stat = fs.statSync(transcript);
          if (!stat.isFile()) continue;
          mtime = stat.mtimeMs;
          size = stat.size;
        } catch (error) {
          if (hasErrno(error, 'ENOENT')) continue; // deleted while we listed
          throw error;
        }
        const known = byId.get(fileId);
        // The same session in two places (copied config, moved project): the newest wins.
        if (known && known.lastActive >= mtime) continue;
        const described = describeTranscript(transcript, size);
        if (!described) continue;
        const cwd = described.cwd;
        let project = cwd ? projects.get(cwd) : undefined;
        if (cwd && project === undefined) {
          project = fs.existsSync(cwd) ? detectProject(cwd).name : baseName(cwd);
          projects.set(cwd, project);
        }
        byId.set(fileId, {
          id: fileId,
          cwd,
          project: project ?? folder,
          title: described.title,
          lastActive: mtime,
          transcript,
          configDir,
          listed: described.listed,
        });
      }
    }
  }
  return [...byId.values()].sort((a, b) => b.lastActive - a.lastActive);
}
