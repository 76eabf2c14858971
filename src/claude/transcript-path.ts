import { joinPath as join } from '../core/paths.ts';

/** Claude Code keeps a session's transcript under projects/<cwd, every non-alphanumeric char as "-">/. */
export function projectFolderName(cwd: string): string {
  return cwd.replace(/[^A-Za-z0-9]/g, '-');
}

export function transcriptPath(configDir: string, cwd: string, sessionId: string): string {
  return join(configDir, 'projects', projectFolderName(cwd), `${sessionId}.jsonl`);
}
