import type { LiveClaim } from '../../intercom/index.ts';
import { fitList, moreNote } from '../budget.ts';
import { offsetInput } from '../inputs.ts';
import { defineTool } from '../define-tool.ts';
import { inertLine, label, quoted } from '../../core/peer-text.ts';

export const claimsTool = defineTool({
  name: 'claims',
  title: 'List file claims',
  description: 'Lists every file claim in force: owner, pattern, project, reason, expiry.',
  kind: 'read',
  input: {
    offset: offsetInput(),
  },
  async handle({ offset }, ctx) {
    const claims = (await ctx.store.claims.everywhere()).slice(offset);
    if (claims.length === 0)
      return { text: offset ? `No more claims past the first ${offset}.` : 'No file is claimed.', data: { claims: [] } };
    const { rows, data, left } = fitList(claims, row, (c) => c);
    const more = moreNote(left, 'claim(s)', `call claims again with offset ${offset + rows.length}`);
    return { text: [...rows, more].filter(Boolean).join('\n'), data: { claims: data, ...(more ? { more } : {}) } };
  },
});

function row(c: LiveClaim): string {
  // Pattern, reason, name and project are the claimer's words: inert (see presentation.ts).
  return `${inertLine(c.pattern)} — ${c.owner}${c.owner_name ? ` (${inertLine(c.owner_name)})` : ''} [${label(c.project)}] until ${c.expires_at}${c.reason ? `: ${quoted(c.reason)}` : ''}`;
}
