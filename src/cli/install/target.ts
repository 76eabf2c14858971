// Where `intercom install` writes (Claude Code's user config, settings.json, the skill, the record
// of what it created) and what it registers (the bun and the entry this command runs from, the
// skill's text): shared by install, uninstall and doctor.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../../core/config.ts';
import type { InstallTarget, Runtime } from './plan.ts';

/** The files install edits, under the first Claude config dir (CLAUDE_CONFIG_DIR, else ~/.claude). */
export function installTarget(config: Pick<Config, 'claudeConfigDirs' | 'claudeUserConfigFile'>): InstallTarget {
  const configDir = config.claudeConfigDirs[0]!;
  return {
    userConfigFile: config.claudeUserConfigFile,
    settingsFile: join(configDir, 'settings.json'),
    skillFile: join(configDir, 'skills', 'intercom', 'SKILL.md'),
    recordFile: join(configDir, 'intercom-install.json'),
  };
}

/** `runtime`: the bun and the entry this command runs from, and the folder holding skill/. */
export function installRuntime(runtime: { bun: string; entry: string; repoRoot: string }): Runtime {
  return {
    bun: runtime.bun,
    entry: runtime.entry,
    skill: readFileSync(join(runtime.repoRoot, 'skill', 'SKILL.md'), 'utf8'),
  };
}
