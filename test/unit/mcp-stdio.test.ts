// The MCP server's stdio before and after the SDK takes over (src/mcp/stdio.ts): what was answered
// by hand is not answered again; the SDK gets every message read, in order; and an answer given by
// hand that the SDK would not give (a stale handshake.json) is reported with the SDK's words.
import { expect, test } from 'bun:test';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { HandshakeRecord } from '../../src/mcp/handshake.ts';
import record from '../../src/mcp/handshake.json' with { type: 'json' };
import { createServer } from '../../src/mcp/server.ts';
import { Stdio } from '../../src/mcp/stdio.ts';
import type { ToolContext } from '../../src/mcp/tool-context.ts';

const unused = new Proxy({} as ToolContext, {
  get() {
    throw new Error('no tool may touch the store here');
  },
});
const line = (message: unknown) => `${JSON.stringify({ jsonrpc: '2.0', ...(message as object) })}\n`;
const HANDSHAKE =
  line({
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
  }) +
  line({ method: 'notifications/initialized' }) +
  line({ id: 2, method: 'tools/list' });

/** A Stdio over an input this test writes to, handing over to a real server when asked. */
function harness(rec?: HandshakeRecord) {
  const written: string[] = [];
  const differences: { method: string; sdkLine: string }[] = [];
  const events: string[] = [];
  let feed!: ReadableStreamDefaultController<Uint8Array>;
  const input = new ReadableStream<Uint8Array>({
    start(controller) {
      feed = controller;
    },
  });
  let handedOver: Promise<void> | undefined;
  const stdio: Stdio = new Stdio({
    version: '1.2.3',
    record: rec,
    write: (l) => void written.push(l),
    listed: () => void events.push('listed'),
    needSdk: () => {
      events.push('needSdk');
      handedOver = stdio.handOver(createServer(unused, { version: '1.2.3' }), StdioServerTransport, (answered, sdkLine) =>
        differences.push({ method: answered.method, sdkLine }),
      );
    },
  });
  const done = stdio.readAll(input);
  const send = async (text: string) => {
    feed.enqueue(new TextEncoder().encode(text));
    await Bun.sleep(0);
  };
  /** Resolves once `n` lines are written. */
  const lines = async (n: number) => {
    while (written.length < n) await Bun.sleep(1);
    await handedOver;
    return written;
  };
  const close = () => {
    feed.close();
    return done;
  };
  return { send, lines, written, differences, events, close };
}

test('the handshake is answered by hand; the SDK loads only for a request it must answer, then answers that one alone', async () => {
  const h = harness();
  await h.send(HANDSHAKE);
  expect(h.written).toHaveLength(2);
  expect(h.events).toEqual(['listed']);
  // A request split over two reads, then one the SDK must answer.
  await h.send('{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"ack",');
  await h.send('"arguments":{}}}\n');
  expect(h.events).toEqual(['listed', 'needSdk']);
  const written = await h.lines(3);
  expect(JSON.parse(written[2]!)).toMatchObject({ id: 3, result: { isError: true } });
  // After the hand-over, everything is the SDK's, a tools/list too.
  await h.send(line({ id: 4, method: 'tools/list' }));
  expect((await h.lines(4))[3]).toBe(written[1]!.replace('"id":2}', '"id":4}'));
  await Bun.sleep(10);
  expect(h.written).toHaveLength(4); // its answers to requests 1 and 2 were dropped
  expect(h.differences).toEqual([]);
  await h.close();
});

test('an answer given by hand that the SDK would not give is reported, with the SDK line, and not sent twice', async () => {
  const stale: HandshakeRecord = {
    ...(record as HandshakeRecord),
    initialize: { ...(record as HandshakeRecord).initialize, instructions: 'old words' },
    tools: [],
  };
  const h = harness(stale);
  await h.send(HANDSHAKE + line({ id: 3, method: 'ping' }));
  const written = await h.lines(3);
  expect(written[0]).toContain('"instructions":"old words"');
  expect(written[1]).toBe('{"result":{"tools":[]},"jsonrpc":"2.0","id":2}');
  expect(written[2]).toBe('{"result":{},"jsonrpc":"2.0","id":3}');
  await Bun.sleep(10);
  expect(h.written).toHaveLength(3);
  expect(h.differences.map((d) => d.method)).toEqual(['initialize', 'tools/list']);
  expect(h.differences[1]!.sdkLine).toContain('"name":"whoami"');
  await h.close();
});

test('a line that is not JSON has the SDK load and deal with it, as before', async () => {
  const h = harness();
  await h.send('not json\n');
  await h.send(line({ id: 1, method: 'ping' }));
  expect(h.events).toEqual(['needSdk']);
  expect(await h.lines(1)).toEqual(['{"result":{},"jsonrpc":"2.0","id":1}']);
  await h.close();
});
