import { detectProject } from '../../core/project.ts';
import { resolveCliSender } from '../../store/cli-identity.ts';
import type { ClaimOwner, Store } from '../../store/index.ts';
import type { CliDeps, Command } from '../command.ts';
import { jsonOption, numberOption, printJson, UsageError } from '../command.ts';
import { oneLine } from '../io.ts';

/** Who claims from the CLI: the agent CLAUDE_INTERCOM_SESSION names, else the person, on the current folder's project. */
async function cliOwner(store: Store, deps: CliDeps): Promise<ClaimOwner> {
  const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
  if (sender.kind === 'agent') return { code: sender.agent.code, name: sender.agent.name, project: sender.agent.project, projectRoot: sender.agent.project_root };
  const project = detectProject(deps.config.cwd);
  return { code: 'human', project: project.name, projectRoot: project.root };
}

export const claimsCommand: Command = {
  name: 'claims',
  summary: 'list every file claim in force',
  usage: 'intercom claims [--json]',
  options: { ...jsonOption },
  async run({ values }, deps) {
    const claims = await (await deps.store()).claims.all();
    if (values.json) printJson(deps, { claims });
    else if (claims.length === 0) deps.io.out('No file is claimed.');
    else for (const c of claims) deps.io.out(`${oneLine(c.pattern)}  ${c.owner}${c.owner_name ? ` (${oneLine(c.owner_name)})` : ''}  ${oneLine(c.project)}  until ${c.expires_at}${c.reason ? `  "${oneLine(c.reason)}"` : ''}`);
    return 0;
  },
};

export const claimCommand: Command = {
  name: 'claim',
  summary: 'claim files (paths or globs, relative to the current project) so agents ask before editing them',
  usage: 'intercom claim <path-or-glob...> [--ttl MINUTES] [--reason TEXT] [--json]\n  As "human" on the current folder\'s project (or as the agent CLAUDE_INTERCOM_SESSION names). Default TTL 60 min.',
  options: { ...jsonOption, ttl: { type: 'string' }, reason: { type: 'string' } },
  async run({ values, positionals }, deps) {
    if (positionals.length === 0) throw new UsageError('claim needs paths or globs: intercom claim "src/auth/**"');
    const store = await deps.store();
    const ttl = numberOption(values, 'ttl');
    const claimed = await store.claims.claim(await cliOwner(store, deps), positionals, ttl, typeof values.reason === 'string' ? values.reason : undefined);
    if (values.json) printJson(deps, { claimed });
    else deps.io.out(`claimed ${claimed.map((c) => c.pattern).join(', ')} until ${claimed[0]?.expires_at}`);
    return 0;
  },
};

export const releaseCommand: Command = {
  name: 'release',
  summary: 'release your file claims (the given ones, or all)',
  usage: 'intercom release [path-or-glob...] [--json]',
  options: { ...jsonOption },
  async run({ values, positionals }, deps) {
    const store = await deps.store();
    const released = await store.claims.release(await cliOwner(store, deps), positionals.length ? positionals : undefined);
    if (values.json) printJson(deps, { released });
    else deps.io.out(released.length ? `released ${released.join(', ')}` : 'no matching claims');
    return 0;
  },
};
