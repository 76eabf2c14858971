import { defineCommand, jsonOption, option, output, UsageError } from '../command.ts';
import { SESSIONS_LIMIT } from '../../core/ranges.ts';
import { clock, oneLine } from '../io.ts';

export const sessionsCommand = defineCommand({
  name: 'sessions',
  summary: 'list Claude Code sessions (from their transcripts), live ones marked',
  usage:
    'intercom sessions [--live | --all] [--project TEXT] [--limit N] [--json]\n' +
    '  default: the last 7 days and everything running; --live: only running ones; --all: every transcript\n' +
    `  --limit N   list at most N (default ${SESSIONS_LIMIT.default}, max ${SESSIONS_LIMIT.max})`,
  options: { ...jsonOption, live: option.flag(), all: option.flag(), project: option.string(), limit: option.number(SESSIONS_LIMIT) },
  maxPositionals: 0,
  async run({ values }, deps) {
    if (values.live && values.all) throw new UsageError('choose --live or --all, not both');
    const store = await deps.store();
    const sessions = await store.sessions.list({
      scope: values.live ? 'live' : values.all ? 'all' : 'recent',
      project: values.project,
      limit: values.limit,
    });
    return output(deps, values.json, { sessions }, () =>
      sessions.length
        ? sessions
            .map((s) => {
              const where = s.tmux ? ` tmux ${s.tmux}` : '';
              const code = s.code ? ` agent ${s.code}` : '';
              return `${s.id}  ${oneLine(s.project)}  ${s.state}${where}${code}  ${s.last_active.slice(0, 10)} ${clock(s.last_active)}${s.title ? `  "${oneLine(s.title)}"` : ''}`;
            })
            .join('\n')
        : 'No sessions found.',
    );
  },
});
