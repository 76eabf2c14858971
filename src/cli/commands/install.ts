import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CliDeps } from '../command.ts';
import { defineCommand, option } from '../command.ts';
import { IntercomError } from '../../core/errors.ts';
import { applyChanges, readCurrent } from '../install/apply.ts';
import { installedClaudeVersion, isOlderThan, MIN_CLAUDE_VERSION } from '../install/claude-version.ts';
import { unifiedDiff } from '../install/diff.ts';
import type { Applied } from '../install/apply.ts';
import type { FileChange, InstallTarget, Runtime } from '../install/plan.ts';
import { planInstall, planUninstall } from '../install/plan.ts';

export function installTarget(deps: CliDeps): InstallTarget {
  const configDir = deps.config.claudeConfigDirs[0]!;
  return {
    userConfigFile: deps.config.claudeUserConfigFile,
    settingsFile: join(configDir, 'settings.json'),
    skillFile: join(configDir, 'skills', 'intercom', 'SKILL.md'),
  };
}

export function installRuntime(deps: CliDeps): Runtime {
  return {
    bun: deps.runtime.bun,
    entry: deps.runtime.entry,
    skill: readFileSync(join(deps.runtime.repoRoot, 'skill', 'SKILL.md'), 'utf8'),
  };
}

function backupDir(deps: CliDeps): string {
  return join(deps.config.claudeConfigDirs[0]!, 'backups', `intercom-${deps.now().toISOString().replace(/[:.]/g, '-')}`);
}

/**
 * Say what changes (with --dry-run, the diff too) and, unless it is a dry run, make the changes,
 * backing up what they replace. Undefined when nothing was applied (a dry run).
 */
function reportAndApply(
  deps: CliDeps,
  changes: FileChange[],
  dryRun: boolean,
  what: 'install' | 'uninstall',
): { dir: string; applied: Applied[] } | undefined {
  for (const c of changes) {
    if (dryRun) deps.io.out(unifiedDiff(c.before ?? '', c.after ?? '', c.path, 3, `after ${what}`) || `(${c.path} unchanged)`);
    for (const line of c.summary) deps.io.out(`${dryRun ? 'would change' : 'changed'} ${c.path}: ${line}`);
  }
  if (dryRun) return undefined;
  const dir = backupDir(deps);
  return { dir, applied: applyChanges(changes, dir) };
}

export const installCommand = defineCommand({
  name: 'install',
  summary: 'register intercom (MCP server, hooks, skill) in your Claude Code user config',
  usage:
    'intercom install [--dry-run]\n' +
    '  Adds the MCP server to ~/.claude.json, the hooks to ~/.claude/settings.json and the skill to\n' +
    '  ~/.claude/skills/intercom (honours CLAUDE_CONFIG_DIR). Idempotent; backs up what it changes.\n' +
    '  --dry-run   show the diff, change nothing',
  options: { 'dry-run': option.flag() },
  async run({ values }, deps) {
    const claude = installedClaudeVersion(Bun.which('claude'));
    if (claude && isOlderThan(claude, MIN_CLAUDE_VERSION)) {
      throw new IntercomError(
        'UNSUPPORTED',
        `Claude Code ${claude} is too old for intercom (it needs ${MIN_CLAUDE_VERSION} or later; an older one would ignore your whole settings.json because of a hook event it does not know). ` +
          'Run `claude update`, then intercom install again. Nothing was changed.',
      );
    }
    const target = installTarget(deps);
    const changes = planInstall(target, readCurrent(target), installRuntime(deps));
    if (changes.length === 0) {
      deps.io.out('intercom is already installed; nothing to change.');
      return 0;
    }
    const done = reportAndApply(deps, changes, values['dry-run'], 'install');
    if (!done) return 0;
    if (done.applied.some((a) => a.backup)) deps.io.out(`backups of the previous files: ${done.dir}`);
    deps.io.out('Done. Start (or restart) Claude Code sessions to load intercom; `intercom doctor` checks the setup.');
    return 0;
  },
});

export const uninstallCommand = defineCommand({
  name: 'uninstall',
  summary: 'remove what `intercom install` added (backs up what it changes)',
  usage: 'intercom uninstall [--dry-run]\n  --dry-run   show the diff, change nothing',
  options: { 'dry-run': option.flag() },
  async run({ values }, deps) {
    const target = installTarget(deps);
    const { changes, notes } = planUninstall(target, readCurrent(target), installRuntime(deps));
    for (const note of notes) deps.io.err(`intercom uninstall: ${note}`);
    if (changes.length === 0) {
      deps.io.out('intercom is not installed; nothing to remove.');
      return 0;
    }
    const done = reportAndApply(deps, changes, values['dry-run'], 'uninstall');
    if (done) deps.io.out(`Removed. Backups: ${done.dir}. Restart Claude Code sessions to unload intercom.`);
    return 0;
  },
});
