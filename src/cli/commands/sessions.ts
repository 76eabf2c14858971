import type { Command } from '../command.ts';
import { jsonOption, numberOption, printJson, UsageError } from '../command.ts';
import { clock, oneLine } from '../io.ts';

export const sessionsCommand: Command = {
  name: 'sessions',
  summary: 'list Claude Code sessions (from their transcripts), live ones marked',
  usage:
    'intercom sessions [--live | --all] [--project TEXT] [--limit N] [--json]\n' +
    '  default: the last 7 days and everything running; --live: only running ones; --all: every transcript',
  options: { ...jsonOption, live: { type: 'boolean' }, all: { type: 'boolean' }, project: { type: 'string' }, limit: { type: 'string' } },
  async run({ values }, deps) {
    if (values.live && values.all) throw new UsageError('choose --live or --all, not both');
    const limit = numberOption(values, 'limit') ?? 20;
    const store = await deps.store();
    const sessions = await store.sessions.list({
      scope: values.live ? 'live' : values.all ? 'all' : 'recent',
      project: typeof values.project === 'string' ? values.project : undefined,
      limit,
    });
    if (values.json) return printJson(deps, { sessions }), 0;
    if (sessions.length === 0) {
      deps.io.out('No sessions found.');
      return 0;
    }
    for (const s of sessions) {
      const where = s.tmux ? ` tmux ${s.tmux}` : '';
      const code = s.code ? ` agent ${s.code}` : '';
      deps.io.out(`${s.id}  ${oneLine(s.project)}  ${s.state}${where}${code}  ${s.last_active.slice(0, 10)} ${clock(s.last_active)}${s.title ? `  "${oneLine(s.title)}"` : ''}`);
    }
    return 0;
  },
};
