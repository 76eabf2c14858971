import { z } from 'zod';
import { defineTool } from '../define-tool.ts';

export const setStatusTool = defineTool({
  name: 'set_status',
  title: 'Set your status',
  description:
    'Tells other agents what you are doing ("refactoring auth"), shown in who. Optionally sets a name others can send to. ' +
    'Update it when you start a new task.',
  kind: 'write',
  input: {
    status: z.string().max(200).describe('one line: what you are working on ("" to clear)'),
    name: z.string().optional().describe('a name others can use instead of your code (letters, digits, . _ -)'),
  },
  async handle({ status, name }, ctx) {
    const me = ctx.self();
    const updated = await ctx.store.agents.update(me.code, me.pid, { status: status.trim(), name });
    ctx.setSelf(updated);
    return {
      text: `Status set${updated.name ? `; others can reach you as "${updated.name}" or "${updated.code}"` : ''}.`,
      data: { code: updated.code, ...(updated.name ? { name: updated.name } : {}), status: updated.status },
    };
  },
});
