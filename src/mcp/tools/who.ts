import { z } from 'zod';
import type { AgentView } from '../../intercom/index.ts';
import { fitList, moreNote } from '../budget.ts';
import { offsetInput } from '../inputs.ts';
import { defineTool } from '../define-tool.ts';
import { formatAgent } from '../format.ts';

/** Claims shown per agent; the claims tool lists them all. */
const CLAIMS_PER_AGENT = 10;

export const whoTool = defineTool({
  name: 'who',
  title: 'Who is around',
  description:
    'Lists live agents (other Claude Code sessions running intercom, on this machine and, when machines are linked, others): code, name, project, machine, busy/idle, status. ' +
    'Dead sessions are never listed. Call it before sending, to find the right code.',
  kind: 'read',
  input: {
    scope: z.enum(['project', 'all']).default('project').describe('"project" (default): agents on your project; "all": every project'),
    offset: offsetInput(),
  },
  async handle({ scope, offset }, ctx) {
    const agents = await ctx.store.who({ scope, self: ctx.self() });
    const others = agents.filter((a) => !a.you).length;
    const where = scope === 'all' ? 'on any project' : `on project ${ctx.self().project}`;
    const head = others === 0 ? `No other agent is live ${where}.` : `${others} other agent(s) live ${where}:`;
    const { rows, data, left } = fitList(agents.slice(offset).map(fewerClaims), formatAgent, (a) => a);
    const more = moreNote(left, 'agent(s)', `call who again with offset ${offset + rows.length}`);
    const tail = scope === 'project' ? '(Use scope "all" to see other projects.)' : '';
    return { text: [head, ...rows, more, tail].filter(Boolean).join('\n'), data: { agents: data, ...(more ? { more } : {}) } };
  },
});

function fewerClaims(a: AgentView): AgentView & { more_claims?: string } {
  if (a.claims.length <= CLAIMS_PER_AGENT) return a;
  return { ...a, claims: a.claims.slice(0, CLAIMS_PER_AGENT), more_claims: `${a.claims.length - CLAIMS_PER_AGENT} more: call claims` };
}
