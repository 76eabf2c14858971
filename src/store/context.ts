import type { Clock } from '../core/clock.ts';
import type { TmuxOptions } from '../core/tmux.ts';
import type { Layout } from './layout.ts';
import type { ProblemSink } from './records.ts';

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

/** What every store module needs: where the files are, what time it is, where to report corrupt files. */
export interface StoreContext {
  layout: Layout;
  clock: Clock;
  report: ProblemSink;
  maxBodyBytes: number;
  reach: ReachConfig;
}

export function isoNow(ctx: Pick<StoreContext, 'clock'>): string {
  return new Date(ctx.clock.now()).toISOString();
}
