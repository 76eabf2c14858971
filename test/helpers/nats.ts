// A real nats-server with JetStream for the tests, on 127.0.0.1 and a free port, its storage in a
// temp folder (Debian's nats-server; .ci/run installs it). It can be stopped and started again on
// the same port and storage, as an outage would.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { until } from './until.ts';

export const NATS_SERVER = Bun.which('nats-server') ?? (Bun.file('/usr/sbin/nats-server').size ? '/usr/sbin/nats-server' : undefined);

export interface TestNats {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
  log(): string;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function reachable(port: number): Promise<boolean> {
  try {
    const socket = await Bun.connect({ hostname: '127.0.0.1', port, socket: { data() {} } });
    socket.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Start a server. `config`: extra nats-server configuration (accounts, users, permissions, leaf
 * nodes), with the port and JetStream store filled in by this helper. `jetstream`: false for a
 * server without JetStream (a leaf node in front of a hub), or the hub's JetStream domain.
 */
export async function startNats(dir: string, config = '', jetstream: { domain?: string } | false = {}): Promise<TestNats> {
  if (!NATS_SERVER) throw new Error('nats-server is not installed (apt-get install nats-server)');
  const port = await freePort();
  const store = join(dir, 'jetstream');
  mkdirSync(store, { recursive: true });
  const file = join(dir, 'nats.conf');
  const js = jetstream === false ? '' : `jetstream: { store_dir: "${store}"${jetstream.domain ? `, domain: ${jetstream.domain}` : ''} }\n`;
  writeFileSync(file, `listen: "127.0.0.1:${port}"\n${js}${config}\n`);
  let log = '';
  let proc: ReturnType<typeof Bun.spawn> | undefined;
  const start = async () => {
    proc = Bun.spawn([NATS_SERVER!, '-c', file], { stdout: 'ignore', stderr: 'pipe' });
    void (async () => {
      for await (const chunk of proc!.stderr as ReadableStream<Uint8Array>) log += new TextDecoder().decode(chunk);
    })();
    await until(() => reachable(port), `nats-server on port ${port}`);
  };
  await start();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    log: () => log,
    start,
    async stop() {
      proc?.kill('SIGTERM');
      await proc?.exited;
      proc = undefined;
    },
  };
}
