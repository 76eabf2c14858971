import { z } from 'zod';
import type { SessionView } from '../../intercom/index.ts';
import { shorten } from '../../core/text.ts';
import { label, quoted } from '../../core/peer-text.ts';
import { fitList, moreNote } from '../budget.ts';
import { numberIn, offsetInput } from '../inputs.ts';
import { SESSIONS_LIMIT } from '../../core/ranges.ts';
import { defineTool } from '../define-tool.ts';

/** A title is the session's first prompt, which can be pages long: a line is enough to recognise it. */
const TITLE_CHARS = 120;

export const listSessionsTool = defineTool({
  name: 'list_sessions',
  title: 'List Claude Code sessions',
  description:
    'Lists Claude Code sessions on this machine from their transcripts, recent first, with or without intercom: id, project, title ' +
    '(its /rename name, else its first prompt), last active, state (live in tmux or with intercom, running elsewhere, unsure: maybe running, idle) and intercom code. ' +
    'Use it to find a session to send to or ask.',
  kind: 'read',
  input: {
    scope: z.enum(['recent', 'live', 'all']).default('recent').describe('recent (default: last 7 days, plus running), live, or all'),
    project: z.string().optional().describe('only sessions whose project or folder contains this text'),
    limit: numberIn(SESSIONS_LIMIT).describe('list at most this many'),
    offset: offsetInput(),
  },
  async handle({ scope, project, limit, offset }, ctx) {
    const page = (await ctx.store.sessions.list({ scope, project, limit, offset })).map(shortTitle);
    if (page.length === 0)
      return {
        text: `No ${scope === 'all' ? '' : `${scope} `}sessions found${offset ? ` past the first ${offset}` : ''}.`,
        data: { sessions: [] },
      };
    const { rows, data, left } = fitList(page, row, (s) => s);
    const more = moreNote(left, 'session(s)', `call list_sessions again with offset ${offset + rows.length}`);
    return { text: [...rows, more].filter(Boolean).join('\n'), data: { sessions: data, ...(more ? { more } : {}) } };
  },
});

function shortTitle(s: SessionView): SessionView {
  return s.title && s.title.length > TITLE_CHARS ? { ...s, title: shorten(s.title, TITLE_CHARS) } : s;
}

function row(s: SessionView): string {
  return (
    `${s.id} [${label(s.project)}] ${s.state}${s.tmux ? ` (tmux ${s.tmux})` : ''}${s.code ? ` agent ${s.code}` : ''} — last active ${s.last_active}` +
    `${s.title ? ` — ${quoted(s.title)}` : ''}`
  );
}
