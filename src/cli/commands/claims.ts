import { detectProject, projectKey } from '../../core/project.ts';
import type { ClaimOwner, LiveClaim } from '../../intercom/index.ts';
import type { CommandDeps } from '../command.ts';
import { defineCommand, jsonOption, option, output, UsageError } from '../command.ts';
import { CLAIM_TTL_MINUTES } from '../../core/ranges.ts';
import { oneLine } from '../io.ts';

/** Who claims from the CLI: the agent CLAUDE_INTERCOM_SESSION names, else the person, on the current folder's project. */
async function cliOwner(deps: CommandDeps): Promise<ClaimOwner> {
  const sender = await deps.sender();
  if (sender.kind === 'agent') {
    const { agent } = sender;
    return { code: agent.code, name: agent.name, project: agent.project, projectRoot: agent.project_root, projectKey: agent.project_key };
  }
  const project = detectProject(deps.config.cwd);
  return { code: 'human', project: project.name, projectRoot: project.root, projectKey: projectKey(project) };
}

function claimRow(c: LiveClaim): string {
  return `${oneLine(c.pattern)}  ${c.owner}${c.owner_name ? ` (${oneLine(c.owner_name)})` : ''}  ${oneLine(c.project)}  until ${c.expires_at}${c.reason ? `  "${oneLine(c.reason)}"` : ''}`;
}

export const claimsCommand = defineCommand({
  name: 'claims',
  summary: 'list every file claim in force',
  usage: 'intercom claims [--json]',
  options: { ...jsonOption },
  maxPositionals: 0,
  async run({ values }, deps) {
    const claims = await (await deps.store()).claims.everywhere();
    return output(deps, values.json, { claims }, () => (claims.length ? claims.map(claimRow).join('\n') : 'No file is claimed.'));
  },
});

export const claimCommand = defineCommand({
  name: 'claim',
  summary: 'claim files (paths or globs, relative to the current project) so agents ask before editing them',
  usage:
    'intercom claim <path-or-glob...> [--ttl MINUTES] [--reason TEXT] [--json]\n  As "human" on the current folder\'s project (or as the agent CLAUDE_INTERCOM_SESSION names). ' +
    `Default TTL ${CLAIM_TTL_MINUTES.default} min, max ${CLAIM_TTL_MINUTES.max}.`,
  options: { ...jsonOption, ttl: option.number(CLAIM_TTL_MINUTES), reason: option.string() },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    if (positionals.length === 0) throw new UsageError('claim needs paths or globs: intercom claim "src/auth/**"');
    const store = await deps.store();
    const { claimed, mesh, note } = await store.claim(await cliOwner(deps), positionals, values.ttl, values.reason);
    return output(
      deps,
      values.json,
      { claimed, ...(mesh !== 'local' ? { mesh } : {}), ...(note ? { note } : {}) },
      () =>
        `claimed ${claimed.map((c) => c.pattern).join(', ')}${mesh === 'confirmed' ? ' on every machine' : ''} until ${claimed[0]?.expires_at}${note ? ` (${note})` : ''}`,
    );
  },
});

export const releaseCommand = defineCommand({
  name: 'release',
  summary: 'release your file claims (the given ones, or all)',
  usage: 'intercom release [path-or-glob...] [--json]',
  options: { ...jsonOption },
  maxPositionals: Number.POSITIVE_INFINITY,
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const released = await store.claims.release(await cliOwner(deps), positionals.length ? positionals : undefined);
    return output(deps, values.json, { released }, () => (released.length ? `released ${released.join(', ')}` : 'no matching claims'));
  },
});
