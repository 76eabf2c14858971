// Where and how intercom reaches Claude sessions that do not run it: their transcripts (under
// each config dir's projects/), their tmux panes, and headless resumes. Resolved once from the
// environment by src/bin; everything below takes it as a value.
import type { TmuxOptions } from './tmux.ts';

/** How to reach Claude sessions that do not run intercom: their transcripts, tmux, headless resume. */
export interface ReachConfig {
  /** Claude Code config dirs whose projects/ hold transcripts. */
  configDirs: string[];
  tmux: TmuxOptions;
  /** Environment for headless `claude -p --resume` children. */
  childEnv: Record<string, string | undefined>;
  /** CLAUDE_INTERCOM_RESUME_FLAGS. */
  resumeFlags: string[];
  /** The Claude Code command (looked up on the children's PATH). */
  claudeCommand: string;
}

export const NO_REACH: ReachConfig = { configDirs: [], tmux: { serverArgs: [] }, childEnv: {}, resumeFlags: [], claudeCommand: 'claude' };
