import { defineTool } from '../define-tool.ts';

export const claimsTool = defineTool({
  name: 'claims',
  title: 'List file claims',
  description: 'Lists every file claim in force: owner, pattern, project, reason, expiry.',
  kind: 'read',
  input: {},
  async handle(_args, ctx) {
    const claims = await ctx.store.claims.all();
    const rows = claims.map((c) => `${c.pattern} — ${c.owner}${c.owner_name ? ` (${c.owner_name})` : ''} [${c.project}] until ${c.expires_at}${c.reason ? `: ${c.reason}` : ''}`);
    return { text: rows.length ? rows.join('\n') : 'No file is claimed.', data: { claims } };
  },
});
