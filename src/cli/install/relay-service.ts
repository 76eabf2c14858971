// `intercom install --relay <url>`: the relay as a user service (docs/relay.md), so it runs from
// login on and comes back when it dies. Linux: a systemd user unit; macOS: a launchd agent. Its
// settings (server, machine, namespace, store, credentials, TLS) go in an environment file only
// the user can read, never in the unit: a unit is readable by every user of the machine.
import { IntercomError } from '../../core/errors.ts';
import { assertDomain, MACHINE_PATTERN, NAMESPACE_PATTERN } from '../../core/ids.ts';
import type { MeshConfig } from '../../core/config.ts';

export const UNIT_NAME = 'claude-intercom-relay.service';
export const LAUNCHD_LABEL = 'com.claude-intercom.relay';
/** The first line of every file this writes: uninstall removes only files that carry it. */
export const MARKER = 'Written by `intercom install --relay`; `intercom uninstall` removes it.';

export interface RelayService {
  platform: 'systemd' | 'launchd';
  /** The unit (or the launchd plist). */
  servicePath: string;
  serviceText: string;
  /** The relay's settings, mode 0600. */
  envPath: string;
  envText: string;
  /** Commands that load and start it, as argv lists (the caller runs them when the tool exists). */
  start: string[][];
  stop: string[][];
}

export interface RelayServiceInput {
  platform: NodeJS.Platform;
  home: string;
  /** XDG_CONFIG_HOME, when set. */
  xdgConfigHome?: string | undefined;
  bun: string;
  entry: string;
  storeDir: string;
  server: string;
  machine: string;
  namespace: string;
  /** Credentials and TLS from the installing environment (CLAUDE_INTERCOM_NATS_*). */
  mesh: Pick<MeshConfig, 'user' | 'password' | 'token' | 'creds' | 'tlsCa' | 'tlsCert' | 'tlsKey' | 'domain'>;
}

/** One environment file line; values are single-quoted for systemd and for a POSIX shell alike. */
function envLine(name: string, value: string): string {
  if (/[\n\r\0]/.test(value)) throw new IntercomError('BAD_INPUT', `${name} holds a line break; it cannot go in the relay's settings`);
  return `${name}='${value.replace(/'/g, `'\\''`)}'`;
}

/** systemd's ExecStart quoting: each word in double quotes, `\` and `"` escaped, `%` doubled, `$` as `$$`. */
function execWord(word: string): string {
  return `"${word.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/%/g, '%%').replace(/\$/g, '$$$$')}"`;
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The files and commands for this platform. Throws UNSUPPORTED where neither systemd nor launchd is the way. */
export function relayService(input: RelayServiceInput): RelayService {
  if (!MACHINE_PATTERN.test(input.machine))
    throw new IntercomError('BAD_INPUT', `--machine ${JSON.stringify(input.machine)} is not a machine name (a-z, 0-9, "-")`);
  if (!NAMESPACE_PATTERN.test(input.namespace))
    throw new IntercomError('BAD_INPUT', `--namespace ${JSON.stringify(input.namespace)} is not a namespace`);
  if (input.mesh.domain !== undefined) assertDomain(input.mesh.domain);
  if (!/^(?:nats|tls|wss?):\/\/|^[\w.-]+:\d+$/.test(input.server.split(',')[0]!.trim())) {
    throw new IntercomError(
      'BAD_INPUT',
      `--relay ${JSON.stringify(input.server)} is not a NATS server URL, e.g. nats://hub.example.com:4222`,
    );
  }
  const settings: [string, string | undefined][] = [
    ['CLAUDE_INTERCOM_NATS_URL', input.server],
    ['CLAUDE_INTERCOM_MACHINE', input.machine],
    ['CLAUDE_INTERCOM_NATS_NAMESPACE', input.namespace],
    ['CLAUDE_INTERCOM_NATS_DOMAIN', input.mesh.domain],
    ['CLAUDE_INTERCOM_DIR', input.storeDir],
    ['CLAUDE_INTERCOM_NATS_USER', input.mesh.user],
    ['CLAUDE_INTERCOM_NATS_PASSWORD', input.mesh.password],
    ['CLAUDE_INTERCOM_NATS_TOKEN', input.mesh.token],
    ['CLAUDE_INTERCOM_NATS_CREDS', input.mesh.creds],
    ['CLAUDE_INTERCOM_NATS_TLS_CA', input.mesh.tlsCa],
    ['CLAUDE_INTERCOM_NATS_TLS_CERT', input.mesh.tlsCert],
    ['CLAUDE_INTERCOM_NATS_TLS_KEY', input.mesh.tlsKey],
    ['BUN_GC_TIMER_DISABLE', '1'],
  ];
  const envText = `# ${MARKER}\n${settings.flatMap(([k, v]) => (v === undefined ? [] : [envLine(k, v)])).join('\n')}\n`;
  const configHome = input.xdgConfigHome || `${input.home}/.config`;
  const envPath = `${configHome}/claude-intercom/relay.env`;
  if (input.platform === 'linux') {
    const servicePath = `${configHome}/systemd/user/${UNIT_NAME}`;
    const serviceText = [
      `# ${MARKER}`,
      '[Unit]',
      "Description=claude-intercom relay: this machine's intercom store <-> NATS JetStream",
      'After=network-online.target',
      '',
      '[Service]',
      `EnvironmentFile=${envPath}`,
      `ExecStart=${[input.bun, input.entry, 'relay'].map(execWord).join(' ')}`,
      'Restart=always',
      'RestartSec=2',
      // 2: bad usage, 3: refused (credentials, permissions, the name or the store in use): starting
      // it again as it is cannot help (src/relay/options.ts EXIT_REFUSED).
      'RestartPreventExitStatus=2 3',
      '',
      '[Install]',
      'WantedBy=default.target',
      '',
    ].join('\n');
    return {
      platform: 'systemd',
      servicePath,
      serviceText,
      envPath,
      envText,
      start: [
        ['systemctl', '--user', 'daemon-reload'],
        ['systemctl', '--user', 'enable', '--now', UNIT_NAME],
      ],
      stop: [
        ['systemctl', '--user', 'disable', '--now', UNIT_NAME],
        ['systemctl', '--user', 'daemon-reload'],
      ],
    };
  }
  if (input.platform === 'darwin') {
    // launchd reads no environment file: the agent runs a shell that reads it, then execs the relay.
    const servicePath = `${input.home}/Library/LaunchAgents/${LAUNCHD_LABEL}.plist`;
    const script = `set -a; . ${shellQuote(envPath)}; exec ${shellQuote(input.bun)} ${shellQuote(input.entry)} relay`;
    const serviceText = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<!-- ${MARKER} -->`,
      '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
      '<plist version="1.0">',
      '<dict>',
      `  <key>Label</key><string>${LAUNCHD_LABEL}</string>`,
      '  <key>ProgramArguments</key>',
      `  <array><string>/bin/sh</string><string>-c</string><string>${xml(script)}</string></array>`,
      '  <key>RunAtLoad</key><true/>',
      // Started again when it fails; launchd cannot tell a refusal (exit 3) from a failure, so a
      // refused relay is tried again too, at launchd's pace (10 s at most).
      '  <key>KeepAlive</key><dict><key>SuccessfulExit</key><false/></dict>',
      `  <key>StandardErrorPath</key><string>${xml(`${input.home}/Library/Logs/claude-intercom-relay.log`)}</string>`,
      '</dict>',
      '</plist>',
      '',
    ].join('\n');
    return {
      platform: 'launchd',
      servicePath,
      serviceText,
      envPath,
      envText,
      start: [['launchctl', 'load', '-w', servicePath]],
      stop: [['launchctl', 'unload', '-w', servicePath]],
    };
  }
  throw new IntercomError(
    'UNSUPPORTED',
    `no user service manager intercom knows on ${input.platform}: run \`intercom relay --server ${input.server}\` yourself (e.g. from your login scripts)`,
  );
}

function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
