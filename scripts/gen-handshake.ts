// src/mcp/handshake.json: the SDK server's own answers that the MCP server gives by hand at start
// (src/mcp/handshake.ts), recorded from the server itself — createServer() behind the SDK's stdio
// transport, as intercom runs it. `npm run build` rewrites it (after a change to a tool, the
// server instructions or the SDK); test/e2e/mcp-handshake.test.ts fails while it is stale.
import { EventEmitter } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import type { HandshakeRecord } from '../src/mcp/handshake.ts';
import { createServer } from '../src/mcp/server.ts';
import type { ToolContext } from '../src/mcp/tool-context.ts';

export const HANDSHAKE_JSON = join(resolve(import.meta.dir, '..'), 'src', 'mcp', 'handshake.json');

export interface SdkStdioServer {
  /** Writes `line` (one JSON-RPC message) to the server's stdin. */
  write(line: string): void;
  /** Resolves with the server's response line (no newline) to request `id`, once it has written it. */
  answer(id: string | number): Promise<string>;
  /** Every line it wrote so far. */
  lines: string[];
  /** The methods it has a request handler for. */
  methods(): string[];
}

/** The SDK server as `intercom mcp` runs it, over an in-memory stdin and stdout. Its tools must not be called. */
export async function sdkStdioServer(version: string): Promise<SdkStdioServer> {
  const unused = new Proxy({} as ToolContext, {
    get() {
      throw new Error('the handshake must not touch the store');
    },
  });
  const server = createServer(unused, { version });
  const stdin = Object.assign(new EventEmitter(), { pause() {} });
  const lines: string[] = [];
  const waiting = new Set<() => void>();
  const stdout = {
    write(text: string) {
      lines.push(text.replace(/\n$/, ''));
      for (const wake of waiting) wake();
      return true;
    },
    once() {},
  };
  await server.connect(new StdioServerTransport(stdin as never, stdout as never));
  const find = (id: string | number) =>
    lines.find((line) => {
      const message = JSON.parse(line) as { id?: unknown; method?: unknown };
      return message.id === id && message.method === undefined;
    });
  return {
    write: (line) => void stdin.emit('data', Buffer.from(`${line}\n`)),
    answer: async (id) => {
      for (;;) {
        const found = find(id);
        if (found !== undefined) return found;
        await new Promise<void>((wake) => {
          waiting.add(wake);
        }).finally(() => waiting.clear());
      }
    },
    lines,
    // The SDK keeps its handlers in a private map: read here, at build time, never at run time.
    methods: () => [...(server.server as unknown as { _requestHandlers: Map<string, unknown> })._requestHandlers.keys()],
  };
}

/** What handshake.json holds: the SDK server's answers to initialize and tools/list, less what each answer fills in. */
export async function recordHandshake(): Promise<HandshakeRecord> {
  const sdk = await sdkStdioServer('0');
  const request = (id: number, method: string, params?: unknown) => JSON.stringify({ jsonrpc: '2.0', id, method, params });
  sdk.write(
    request(1, 'initialize', {
      protocolVersion: LATEST_PROTOCOL_VERSION,
      capabilities: {},
      clientInfo: { name: 'gen-handshake', version: '0' },
    }),
  );
  const initialize = (JSON.parse(await sdk.answer(1)) as { result: HandshakeRecord['initialize'] & { protocolVersion?: string } }).result;
  delete initialize.protocolVersion;
  delete initialize.serverInfo.version;
  sdk.write(request(2, 'tools/list'));
  const { tools } = (JSON.parse(await sdk.answer(2)) as { result: { tools: unknown[] } }).result;
  return {
    latestProtocolVersion: LATEST_PROTOCOL_VERSION,
    protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
    methods: sdk.methods(),
    initialize,
    tools,
  };
}

export const handshakeJson = (record: HandshakeRecord) => `${JSON.stringify(record, null, 2)}\n`;

export async function writeHandshake(): Promise<void> {
  writeFileSync(HANDSHAKE_JSON, handshakeJson(await recordHandshake()));
}

if (import.meta.main) {
  await writeHandshake();
  console.log('wrote src/mcp/handshake.json');
}
