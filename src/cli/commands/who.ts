import { detectProject } from '../../core/project.ts';
import { defineCommand, jsonOption, option, output } from '../command.ts';
import { formatAgentRow } from '../io.ts';

export const whoCommand = defineCommand({
  name: 'who',
  summary: 'list live agents',
  usage: 'intercom who [--here] [--json]\n  --here   only agents on the project of the current folder',
  options: { ...jsonOption, here: option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const store = await deps.store();
    const sender = await deps.sender();
    let agents = await store.who({ scope: 'all', self: sender.kind === 'agent' ? sender.agent : undefined });
    if (values.here) {
      const project = detectProject(deps.config.cwd).name;
      agents = agents.filter((a) => a.project === project);
    }
    return output(deps, values.json, { agents }, () =>
      agents.length ? agents.map(formatAgentRow).join('\n') : values.here ? 'No live agent on this project.' : 'No live agents.',
    );
  },
});
