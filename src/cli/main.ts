// The human CLI: `intercom <command> [args]`. Returns an exit code: 0 ok, 1 failed, 2 bad usage.
import { parseArgs } from 'node:util';
import { describeError, isIntercomError } from '../core/errors.ts';
import type { CliDeps, Command, CommandDeps } from './command.ts';
import { UsageError } from './command.ts';
import { parseArgsOptions, readValues } from './options.ts';
import { cliSender } from '../intercom/identity.ts';
import type { Sender } from '../intercom/index.ts';
import { ackCommand } from './commands/ack.ts';
import { askCommand } from './commands/ask.ts';
import { sessionsCommand } from './commands/sessions.ts';
import { claimCommand, claimsCommand, releaseCommand } from './commands/claims.ts';
import { searchCommand, threadCommand } from './commands/history.ts';
import { statusCommand } from './commands/status.ts';
import { doctorCommand } from './commands/doctor.ts';
import { inboxCommand } from './commands/inbox.ts';
import { installCommand, uninstallCommand } from './commands/install.ts';
import { replyCommand } from './commands/reply.ts';
import { sendCommand } from './commands/send.ts';
import { tailCommand } from './commands/tail.ts';
import { dashboardCommand } from './commands/dashboard.ts';
import { whoCommand } from './commands/who.ts';
import { forTerminal } from '../core/text.ts';

export const commands: Command[] = [
  whoCommand,
  sendCommand,
  askCommand,
  inboxCommand,
  replyCommand,
  ackCommand,
  tailCommand,
  dashboardCommand,
  statusCommand,
  threadCommand,
  searchCommand,
  claimsCommand,
  claimCommand,
  releaseCommand,
  sessionsCommand,
  installCommand,
  uninstallCommand,
  doctorCommand,
];

/** Commands run by the entry point itself rather than by runCli (they need other front-ends). */
export const entryCommands = [
  { name: 'relay', summary: 'link this machine to others through a NATS server (intercom relay --help)' },
  { name: 'mcp', summary: 'run the MCP server on stdio (Claude Code starts this)' },
  { name: 'hook', summary: 'run a Claude Code hook: intercom hook <event> (reads hook JSON on stdin)' },
];

export function helpText(version: string): string {
  const rows = [...commands, ...entryCommands].map((c) => `  ${c.name.padEnd(10)} ${c.summary}`);
  return [
    `intercom ${version} — messages between Claude Code sessions, on this machine and, with a relay, across machines`,
    '',
    'usage: intercom <command> [options]   (intercom <command> --help for details)',
    '',
    ...rows,
    '',
    'Environment: CLAUDE_INTERCOM_DIR (store, default ~/.claude-intercom), CLAUDE_CONFIG_DIR,',
    'CLAUDE_INTERCOM_SESSION (act as this agent instead of "human").',
  ].join('\n');
}

export async function runCli(argv: string[], rawDeps: CliDeps & { version: string }): Promise<number> {
  // Every line a person reads passes here: peers' text (statuses, names, project folders, session
  // titles, bodies) never reaches the terminal with a control character or an escape sequence.
  // JSON output is already inert (see printJson) and passes unchanged.
  const io = rawDeps.io;
  let sender: Promise<Sender> | undefined;
  const deps: CommandDeps & { version: string } = {
    ...rawDeps,
    io: { ...io, out: (text: string) => io.out(forTerminal(text)), err: (text: string) => io.err(forTerminal(text)) },
    // Resolved once, on the first command that asks: the same answer for the whole run.
    sender: () => (sender ??= rawDeps.store().then((store) => cliSender(store.agents, rawDeps.config.identityOverride))),
  };
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    deps.io.out(helpText(deps.version));
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    deps.io.out(deps.version);
    return 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    deps.io.err(`intercom: unknown command "${name}"; run \`intercom --help\` for the list`);
    return 2;
  }
  let args;
  try {
    args = parseArgs({
      args: rest,
      options: { ...parseArgsOptions(command.options), help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
  } catch (error) {
    deps.io.err(`intercom ${command.name}: ${describeError(error)}\nusage: ${command.usage}`);
    return 2;
  }
  if (args.values.help) {
    deps.io.out(`usage: ${command.usage}`);
    return 0;
  }
  try {
    const extra = args.positionals[command.maxPositionals];
    if (extra !== undefined) {
      const takes = command.maxPositionals === 0 ? 'none' : `at most ${command.maxPositionals}`;
      throw new UsageError(`unexpected argument "${extra}": intercom ${command.name} takes ${takes}`);
    }
    return await command.run({ values: readValues(command.options, args.values), positionals: args.positionals }, deps);
  } catch (error) {
    if (error instanceof UsageError) {
      deps.io.err(`intercom ${command.name}: ${error.message}${error.showUsage ? `\nusage: ${command.usage}` : ''}`);
      return 2;
    }
    if (isIntercomError(error)) {
      deps.io.err(`intercom ${command.name}: ${describeError(error, 'human')}`);
      return 1;
    }
    deps.io.err(
      `intercom ${command.name}: unexpected error: ${deps.config.debug && error instanceof Error ? error.stack : describeError(error)}`,
    );
    return 1;
  }
}
