import { join } from 'node:path';
import type { CliDeps } from '../command.ts';
import { defineCommand, option } from '../command.ts';
import { IntercomError } from '../../core/errors.ts';
import { applyPlan, commandName, readCurrent, readState } from '../install/apply.ts';
import { findClaude, isOlderThan, MIN_CLAUDE_VERSION } from '../install/claude-version.ts';
import { unifiedDiff } from '../install/diff.ts';
import type { InstallTarget, McpRoute, Plan } from '../install/plan.ts';
import { planInstall, planUninstall } from '../install/plan.ts';
import { installRuntime, installTarget } from '../install/target.ts';
import { relayService } from '../install/relay-service.ts';
import { installService, uninstallService } from '../install/relay-apply.ts';
import type { ServiceIo } from '../install/relay-apply.ts';

function backupDir(deps: CliDeps): string {
  return join(deps.config.claudeConfigDirs[0]!, 'backups', `intercom-${deps.now().toISOString().replace(/[:.]/g, '-')}`);
}

/**
 * The route to Claude Code's user config: its own `claude mcp` when a `claude` that answers
 * `--version` is on PATH (it writes the file under its own lock, merging with a running
 * session's changes); else intercom's own write under that same lock.
 */
function mcpRoute(claude: { path: string | null; version: string | undefined }): McpRoute {
  if (claude.path && claude.version) return { kind: 'claude', claude: claude.path };
  return { kind: 'file', why: claude.path ? `\`${claude.path} --version\` printed no version` : 'no `claude` is on PATH' };
}

function describeRoute(route: McpRoute, target: InstallTarget, done: boolean, what: 'install' | 'uninstall'): string {
  const verb = what === 'install' ? 'registered' : 'removed';
  if (route.kind === 'claude') {
    return `MCP server: ${done ? verb : `would be ${verb}`} by Claude Code's own \`claude mcp … -s user\` (${route.claude}), which writes ${target.userConfigFile} under Claude Code's lock`;
  }
  return (
    `MCP server: ${done ? verb : `would be ${verb}`} by intercom writing ${target.userConfigFile} itself (${route.why}), ` +
    `under the lock a running Claude Code takes for that file (${target.userConfigFile}.lock), so neither side's change is lost`
  );
}

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** Say what changes (with --dry-run, the diffs and commands too); unless it is a dry run, make the changes. */
async function reportAndApply(
  deps: CliDeps,
  target: InstallTarget,
  plan: Plan,
  route: McpRoute,
  dryRun: boolean,
  what: 'install' | 'uninstall',
) {
  const touchesMcp = plan.commands.length > 0 || plan.changes.some((c) => c.path === target.userConfigFile);
  if (touchesMcp && dryRun) deps.io.out(describeRoute(route, target, false, what));
  for (const command of plan.commands) {
    if (dryRun) deps.io.out(`would run: claude ${command.args.map(shellWord).join(' ')}`);
    else deps.io.out(`changed ${command.file}: ${command.summary} (${commandName(command)})`);
  }
  for (const c of plan.changes) {
    if (dryRun) deps.io.out(unifiedDiff(c.before ?? '', c.after ?? '', c.path, 3, `after ${what}`) || `(${c.path} unchanged)`);
    for (const line of c.summary) deps.io.out(`${dryRun ? 'would change' : 'changed'} ${c.path}: ${line}`);
  }
  if (dryRun) {
    for (const folder of plan.folders) deps.io.out(`would remove ${folder} if it is empty then (install created it)`);
    return undefined;
  }
  const dir = backupDir(deps);
  const done = await applyPlan(plan, {
    backupDir: dir,
    claude: route.kind === 'claude' ? route.claude : undefined,
    env: deps.childEnv,
    onWait: (lock) => deps.io.out(`waiting for a running Claude Code to finish writing ${target.userConfigFile} (it holds ${lock})…`),
  });
  if (touchesMcp) deps.io.out(describeRoute(route, target, true, what));
  for (const folder of done.folders) deps.io.out(`removed ${folder} (install created it; it is empty now)`);
  return { dir, ...done };
}

/** The relay's user service for this store, from the options and the installing environment (CLAUDE_INTERCOM_NATS_*). */
function serviceFor(deps: CliDeps, server: string, machine?: string, namespace?: string, domain?: string) {
  const home = deps.childEnv.HOME;
  if (!home) throw new IntercomError('BAD_INPUT', 'HOME is not set: intercom cannot tell where your user services live');
  const { mesh } = deps.config;
  // A relay started without the domain its server needs would be refused at every start.
  if (domain === undefined && mesh.domainProblem) throw new IntercomError('BAD_INPUT', `${mesh.domainProblem}; nothing was changed`);
  return relayService({
    platform: process.platform,
    home,
    xdgConfigHome: deps.childEnv.XDG_CONFIG_HOME,
    bun: deps.runtime.bun,
    entry: deps.runtime.entry,
    storeDir: deps.config.storeDir,
    server,
    machine: machine ?? mesh.machine,
    namespace: namespace ?? mesh.namespace,
    mesh: { ...mesh, domain: domain ?? mesh.domain },
  });
}

function serviceIo(deps: CliDeps): ServiceIo {
  return { out: (line) => deps.io.out(line), which: (tool) => Bun.which(tool, { PATH: deps.childEnv.PATH ?? '' }), env: deps.childEnv };
}

export const installCommand = defineCommand({
  name: 'install',
  summary: 'register intercom (MCP server, hooks, skill) in your Claude Code user config',
  usage:
    'intercom install [--dry-run]\n' +
    '  Adds the MCP server to ~/.claude.json (with `claude mcp add-json -s user` when claude is on PATH),\n' +
    '  the hooks to ~/.claude/settings.json and the skill to ~/.claude/skills/intercom (honours\n' +
    '  CLAUDE_CONFIG_DIR). Edits in place, keeping your formatting and comments. Idempotent; backs up\n' +
    '  what it changes; records what it created, so that uninstall removes only that.\n' +
    '  --dry-run   show the diff and the commands, change nothing\n' +
    '  --relay URL also run `intercom relay` to that NATS server as a user service (systemd on Linux,\n' +
    '              launchd on macOS), with --machine NAME, --namespace NS and --domain D (a leaf node: the\n' +
    "              hub's JetStream domain; docs/relay.md); credentials\n" +
    '              and TLS come from CLAUDE_INTERCOM_NATS_* in this environment, kept in a 0600 file',
  options: {
    'dry-run': option.flag(),
    relay: option.string(),
    machine: option.string(),
    namespace: option.string(),
    domain: option.string(),
  },
  maxPositionals: 0,
  async run({ values }, deps) {
    // Checked first, so a bad --relay changes nothing at all.
    const service =
      values.relay !== undefined ? serviceFor(deps, values.relay, values.machine, values.namespace, values.domain) : undefined;
    if (service === undefined && (values.machine !== undefined || values.namespace !== undefined || values.domain !== undefined)) {
      throw new IntercomError('BAD_INPUT', '--machine, --namespace and --domain go with --relay <url>');
    }
    // npx runs a package from its cache (…/_npx/<hash>/), which npm clears as it likes: a server
    // and hooks registered there would stop working some day, silently.
    if (/[\\/]_npx[\\/]/.test(deps.runtime.entry)) {
      throw new IntercomError(
        'UNSUPPORTED',
        `intercom install is running from npx's cache (${deps.runtime.entry}), which npm may clear; what it registered would then stop working. Nothing was changed. ` +
          'Install intercom for good first: `npm install -g claude-intercom`, then run `intercom install`',
      );
    }
    const claude = findClaude(deps.childEnv);
    if (claude.version && isOlderThan(claude.version, MIN_CLAUDE_VERSION)) {
      throw new IntercomError(
        'UNSUPPORTED',
        `Claude Code ${claude.version} is too old for intercom (it needs ${MIN_CLAUDE_VERSION} or later; an older one would ignore your whole settings.json because of a hook event it does not know). ` +
          'Run `claude update`, then `intercom install` again. Nothing was changed.',
      );
    }
    if (!claude.version) {
      deps.io.err(
        `intercom install: ${claude.path ? `\`${claude.path} --version\` printed no version` : 'no `claude` on PATH'}, so the Claude Code version check was skipped. ` +
          `intercom's hooks need Claude Code ${MIN_CLAUDE_VERSION} or later (an older one ignores all of settings.json): ` +
          'run `claude --version` where you use Claude Code, and `claude update` if it is older.',
      );
    }
    const route = mcpRoute(claude);
    const target = installTarget(deps.config);
    const plan = planInstall(target, readCurrent(target), readState(target), installRuntime(deps.runtime), route);
    for (const note of plan.notes) deps.io.err(`intercom install: ${note}`);
    if (plan.commands.length === 0 && plan.changes.length === 0) {
      deps.io.out('intercom is already installed; nothing to change.');
      if (service) installService(service, serviceIo(deps), values['dry-run']);
      return 0;
    }
    const done = await reportAndApply(deps, target, plan, route, values['dry-run'], 'install');
    if (service) installService(service, serviceIo(deps), values['dry-run']);
    if (!done) return 0;
    if (done.applied.some((a) => a.backup)) deps.io.out(`backups of the previous files: ${done.dir}`);
    deps.io.out('Done. Start (or restart) Claude Code sessions to load intercom; `intercom doctor` checks the setup.');
    return 0;
  },
});

export const uninstallCommand = defineCommand({
  name: 'uninstall',
  summary: 'remove what `intercom install` added (backs up what it changes)',
  usage:
    'intercom uninstall [--dry-run]\n' +
    '  Removes the MCP server (with `claude mcp remove -s user` when claude is on PATH), the hooks and the\n' +
    '  skill, and the files, folders and keys install created when nothing else is left in them, and the\n' +
    '  relay service `install --relay` wrote.\n' +
    '  --dry-run   show the diff and the commands, change nothing',
  options: { 'dry-run': option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const route = mcpRoute(findClaude(deps.childEnv));
    const target = installTarget(deps.config);
    const plan = planUninstall(target, readCurrent(target), readState(target), installRuntime(deps.runtime), route);
    for (const note of plan.notes) deps.io.err(`intercom uninstall: ${note}`);
    // The relay service, if install wrote one (its files carry install's mark).
    if (deps.childEnv.HOME) {
      try {
        uninstallService(serviceFor(deps, 'nats://localhost:4222'), serviceIo(deps), values['dry-run']);
      } catch (error) {
        if (!(error instanceof IntercomError && error.code === 'UNSUPPORTED')) throw error; // no service manager here: nothing was installed
      }
    }
    if (plan.commands.length === 0 && plan.changes.length === 0) {
      deps.io.out('intercom is not installed; nothing to remove.');
      return 0;
    }
    const done = await reportAndApply(deps, target, plan, route, values['dry-run'], 'uninstall');
    if (done) deps.io.out(`Removed. Backups: ${done.dir}. Restart Claude Code sessions to unload intercom.`);
    return 0;
  },
});
