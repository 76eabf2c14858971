// Writing (or removing) the relay's user service (relay-service.ts) and telling the service
// manager, or, where there is none to tell, printing the exact commands to run.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { MARKER } from './relay-service.ts';
import type { RelayService } from './relay-service.ts';

export interface ServiceIo {
  out(line: string): void;
  /** Where a tool is on the PATH the user runs with, or null. */
  which(tool: string): string | null;
  env: Record<string, string | undefined>;
}

const shown = (argv: string[]) => argv.join(' ');

/** The environment file with secret values masked, for a dry run. */
export function maskSecrets(envText: string): string {
  return envText.replace(/^(CLAUDE_INTERCOM_NATS_(?:PASSWORD|TOKEN))=.*$/gm, "$1='…'").replace(/(:\/\/)[^@/'\n]*@/g, '$1…@'); // credentials in a server URL
}

/** Run each command; stop at the first that fails. Returns the failure's words, or undefined. */
function run(commands: string[][], io: ServiceIo): string | undefined {
  for (const argv of commands) {
    const r = Bun.spawnSync(argv, { env: io.env as Record<string, string>, stdout: 'pipe', stderr: 'pipe' });
    if (r.exitCode !== 0)
      return `\`${shown(argv)}\` failed: ${(r.stderr.toString() || r.stdout.toString()).trim() || `exit ${r.exitCode}`}`;
    io.out(`ran: ${shown(argv)}`);
  }
  return undefined;
}

export function installService(service: RelayService, io: ServiceIo, dryRun: boolean): void {
  const tool = service.start[0]![0]!;
  if (dryRun) {
    io.out(`would write ${service.envPath} (mode 0600):\n${maskSecrets(service.envText)}`);
    io.out(`would write ${service.servicePath}:\n${service.serviceText}`);
    for (const argv of service.start) io.out(`would run: ${shown(argv)}`);
    return;
  }
  mkdirSync(dirname(service.envPath), { recursive: true, mode: 0o700 });
  writeFileSync(service.envPath, service.envText, { mode: 0o600 });
  chmodSync(service.envPath, 0o600); // an older file keeps its mode otherwise
  mkdirSync(dirname(service.servicePath), { recursive: true });
  writeFileSync(service.servicePath, service.serviceText);
  io.out(`wrote ${service.envPath} (the relay's settings, readable by you only) and ${service.servicePath}`);
  const failed = io.which(tool) ? run(service.start, io) : `${tool} is not on PATH`;
  if (failed) {
    io.out(`The relay service is written but not started (${failed}). Start it with:`);
    for (const argv of service.start) io.out(`  ${shown(argv)}`);
    io.out(`or run it in a terminal: set -a; . ${service.envPath}; intercom relay`);
  } else io.out('The relay runs now, and at every login; `intercom doctor` checks its link.');
}

/** Removes the service if `intercom install --relay` wrote it; says what it did. */
export function uninstallService(service: RelayService, io: ServiceIo, dryRun: boolean): void {
  const ours = (path: string) => existsSync(path) && readFileSync(path, 'utf8').includes(MARKER);
  if (!ours(service.servicePath) && !ours(service.envPath)) return;
  if (dryRun) {
    for (const argv of service.stop) io.out(`would run: ${shown(argv)}`);
    io.out(`would remove ${service.servicePath} and ${service.envPath}`);
    return;
  }
  const tool = service.stop[0]![0]!;
  const failed = io.which(tool) ? run(service.stop, io) : `${tool} is not on PATH`;
  if (failed) io.out(`could not stop the relay service (${failed}); stop it yourself: ${service.stop.map(shown).join(' && ')}`);
  for (const path of [service.servicePath, service.envPath]) if (ours(path)) rmSync(path);
  io.out(`removed the relay service: ${service.servicePath}, ${service.envPath}`);
}
