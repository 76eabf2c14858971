import { detectProject } from '../../core/project.ts';
import { resolveCliSender } from '../../store/cli-identity.ts';
import type { Command } from '../command.ts';
import { jsonOption, printJson } from '../command.ts';
import { formatAgentRow } from '../io.ts';

export const whoCommand: Command = {
  name: 'who',
  summary: 'list live agents',
  usage: 'intercom who [--here] [--json]\n  --here   only agents on the project of the current folder',
  options: { ...jsonOption, here: { type: 'boolean' } },
  async run({ values }, deps) {
    const store = await deps.store();
    const sender = await resolveCliSender(store.agents, deps.config.identityOverride);
    const self = sender.kind === 'agent' ? sender.agent : undefined;
    let agents = await store.who({ scope: 'all', self });
    if (values.here) {
      const project = detectProject(deps.config.cwd).name;
      agents = agents.filter((a) => a.project === project);
    }
    if (values.json) printJson(deps, { agents });
    else if (agents.length === 0) deps.io.out(values.here ? 'No live agent on this project.' : 'No live agents.');
    else deps.io.out(agents.map(formatAgentRow).join('\n'));
    return 0;
  },
};
