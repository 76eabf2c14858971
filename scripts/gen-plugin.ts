// Writes hooks.json (the plugin's hooks) from src/cli/install/hooks-spec.ts.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PLUGIN_PREFIX, hooksConfig } from '../src/cli/install/hooks-spec.ts';

export function pluginHooksJson(): string {
  return `${JSON.stringify({ description: 'intercom: deliver messages between Claude Code sessions', hooks: hooksConfig(PLUGIN_PREFIX) }, null, 2)}\n`;
}

if (import.meta.main) {
  writeFileSync(resolve(import.meta.dir, '..', 'hooks.json'), pluginHooksJson());
  console.log('wrote hooks.json');
}
