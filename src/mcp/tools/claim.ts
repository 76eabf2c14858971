import { z } from 'zod';
import type { AgentRecord } from '../../intercom/index.ts';
import { defineTool } from '../define-tool.ts';
import { CLAIM_TTL_MINUTES, MAX_CLAIM_PATTERNS } from '../../core/ranges.ts';
import { numberIn } from '../inputs.ts';

export const ownerOf = (a: AgentRecord) => ({
  code: a.code,
  name: a.name,
  project: a.project,
  projectRoot: a.project_root,
  projectKey: a.project_key,
});

export const claimTool = defineTool({
  name: 'claim',
  title: 'Claim files',
  description:
    'Claims files you are about to change, so other agents are asked before they edit them. Refused if another agent holds an ' +
    'overlapping claim (the error names them). Claims end after ttl_minutes, on release, or when you exit.',
  kind: 'write',
  input: {
    paths: z
      .array(z.string())
      .min(1, 'must list at least one path or glob, e.g. ["src/auth/**"]')
      .max(MAX_CLAIM_PATTERNS, `must list at most ${MAX_CLAIM_PATTERNS}; claim a folder ("src/auth/") for all the files in it`)
      .describe('paths or globs relative to your project root, e.g. ["src/auth/**"]'),
    ttl_minutes: numberIn(CLAIM_TTL_MINUTES, 'claim again to extend').describe('how long, in minutes; claim again to extend'),
    reason: z.string().optional().describe('what you are doing, shown to others'),
  },
  async handle({ paths, ttl_minutes, reason }, ctx) {
    const { claimed, mesh, note } = await ctx.store.claim(ownerOf(ctx.self()), paths, ttl_minutes, reason);
    const across = mesh === 'confirmed' ? ' on every machine' : '';
    return {
      text: `Claimed ${claimed.map((c) => c.pattern).join(', ')}${across} until ${claimed[0]?.expires_at}. Release when done.${note ? ` (${note})` : ''}`,
      data: { claimed, ...(mesh !== 'local' ? { mesh } : {}), ...(note ? { note } : {}) },
    };
  },
});
