import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { formatAgent } from '../format.ts';

export const whoTool = defineTool({
  name: 'who',
  title: 'Who is around',
  description:
    'Lists live agents (other Claude Code sessions running intercom): code, name, project, busy/idle, status. ' +
    'Dead sessions are never listed. Call it before sending, to find the right code.',
  kind: 'read',
  input: {
    scope: z.enum(['project', 'all']).default('project').describe('"project" (default): agents on your project; "all": every project'),
  },
  async handle({ scope }, ctx) {
    const agents = await ctx.store.who({ scope, self: ctx.self() });
    const others = agents.filter((a) => !a.you).length;
    const where = scope === 'all' ? 'on any project' : `on project ${ctx.self().project}`;
    const head = others === 0 ? `No other agent is live ${where}.` : `${others} other agent(s) live ${where}:`;
    const tail = scope === 'project' ? '\n(Use scope "all" to see other projects.)' : '';
    return { text: `${head}\n${agents.map(formatAgent).join('\n')}${tail}`, data: { agents } };
  },
});
