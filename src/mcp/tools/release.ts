import { z } from 'zod';
import { defineTool } from '../define-tool.ts';
import { ownerOf } from './claim.ts';

export const releaseTool = defineTool({
  name: 'release',
  title: 'Release claims',
  description: 'Releases your file claims: the given paths, or all of them.',
  kind: 'write',
  input: {
    paths: z.array(z.string()).optional().describe('patterns to release, as claimed; omit to release all'),
  },
  async handle({ paths }, ctx) {
    const released = await ctx.store.claims.release(ownerOf(ctx.self()), paths);
    return { text: released.length ? `Released ${released.join(', ')}.` : 'You held no matching claims.', data: { released } };
  },
});
