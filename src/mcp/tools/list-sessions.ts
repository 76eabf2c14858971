import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const listSessionsTool = defineTool({
  name: 'list_sessions',
  title: 'List Claude Code sessions',
  description:
    'Lists Claude Code sessions on this machine from their transcripts, recent first, with or without intercom: id, project, title ' +
    '(first prompt), last active, state (live in tmux or with intercom, running elsewhere, idle) and intercom code. ' +
    'Use it to find a session to send to or ask.',
  kind: 'read',
  input: {
    scope: z.enum(['recent', 'live', 'all']).default('recent').describe('recent (default: last 7 days, plus running), live, or all'),
    project: z.string().optional().describe('only sessions whose project or folder contains this text'),
    limit: z.number().int().default(20).describe('at most this many (1-500, default 20)'),
  },
  async handle({ scope, project, limit }, ctx) {
    const sessions = await ctx.store.sessions.list({ scope, project, limit });
    if (sessions.length === 0) return { text: `No ${scope === 'all' ? '' : `${scope} `}sessions found.`, data: { sessions } };
    const rows = sessions.map(
      (s) =>
        `${s.id} [${s.project}] ${s.state}${s.tmux ? ` (tmux ${s.tmux})` : ''}${s.code ? ` agent ${s.code}` : ''} — last active ${s.last_active}` +
        `${s.title ? ` — "${s.title}"` : ''}`,
    );
    return { text: rows.join('\n'), data: { sessions } };
  },
});
