// The MCP server's stdin and stdout. Until the SDK is needed, each line read is answered here when
// handshake.ts can (Claude Code's probe, initialize and tools/list), and every byte is kept. The
// first request it leaves to the SDK (a tool call, a ping, anything it does not know) has the
// SDK loaded; then the SDK's own stdio transport is connected and handed what was read so far, in
// order, as if it had read it itself: its state is what it would have been, it answers what was
// not answered here, and its answers to what was are dropped (compared first: a difference is
// reported to `onDifference`). From then on the SDK reads and writes everything.
import type { EventEmitter } from 'node:events';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { handAnswer } from './handshake.ts';
import type { HandAnswer, HandshakeRecord } from './handshake.ts';

/** Past this much of one unfinished line, the SDK takes over (its transport holds the limits and the errors). */
const HAND_LIMIT = 1 << 20;

export interface StdioOptions {
  /** The server's version, for initialize's answer. */
  version: string;
  /** Writes one protocol line (without its newline) to stdout, after those written before. */
  write(line: string): void;
  /** A request the SDK must answer has arrived: load it and call handOver (called once). */
  needSdk(): void;
  /** A tools/list was answered here: the client's handshake is done (called once). */
  listed(): void;
  /** The SDK's answers to give (default: handshake.json; tests give a stale one). */
  record?: HandshakeRecord;
}

const idKey = (id: unknown) => JSON.stringify(id);
const isNotification = (m: unknown) => typeof m === 'object' && m !== null && !Array.isArray(m) && 'method' in m && !('id' in m);

export class Stdio {
  readonly #options: StdioOptions;
  /** Every chunk read before the SDK took over. */
  readonly #backlog: Uint8Array[] = [];
  /** The unfinished line, while this still answers. */
  #text = '';
  readonly #decoder = new TextDecoder();
  #answering = true;
  #listed = false;
  /** The SDK transport's stdin, once it reads. */
  #sdkInput: EventEmitter | undefined;
  /** Requests answered here, by id, until the SDK's own answer to each is dropped. */
  readonly #answered = new Map<string, HandAnswer>();

  constructor(options: StdioOptions) {
    this.#options = options;
  }

  /** Reads `input` to its end, or to a read error (returned: for a stdio server, the client is gone). */
  async readAll(input: ReadableStream<Uint8Array>): Promise<unknown> {
    try {
      for await (const chunk of input) this.#read(chunk);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  #read(chunk: Uint8Array): void {
    if (this.#sdkInput) {
      this.#sdkInput.emit('data', Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      return;
    }
    this.#backlog.push(chunk);
    if (!this.#answering) return;
    this.#text += this.#decoder.decode(chunk, { stream: true });
    for (let at = this.#text.indexOf('\n'); at !== -1 && this.#answering; at = this.#text.indexOf('\n')) {
      const line = this.#text.slice(0, at).replace(/\r$/, '');
      this.#text = this.#text.slice(at + 1);
      this.#take(line);
    }
    if (this.#text.length > HAND_LIMIT) this.#needSdk();
  }

  #take(line: string): void {
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      this.#needSdk(); // the SDK reports it, as before
      return;
    }
    const answer = handAnswer(message, this.#options.version, this.#options.record);
    if (answer && !this.#answered.has(idKey(answer.id))) {
      this.#answered.set(idKey(answer.id), answer);
      this.#options.write(answer.line);
      if (answer.method === 'tools/list' && !this.#listed) {
        this.#listed = true;
        this.#options.listed();
      }
    } else if (!isNotification(message)) {
      this.#needSdk();
    }
    // A notification needs no answer: the SDK gets it with the rest, in order.
  }

  #needSdk(): void {
    if (!this.#answering) return;
    this.#answering = false;
    this.#text = '';
    this.#options.needSdk();
  }

  /**
   * Connects `server` through the SDK's stdio transport, reading from this and writing through
   * `write`, and hands it everything read so far.
   */
  async handOver(
    server: McpServer,
    Transport: typeof StdioServerTransport,
    onDifference: (answered: HandAnswer, sdkLine: string) => void,
  ): Promise<void> {
    this.#needSdk();
    const { EventEmitter } = await import('node:events'); // ~2 ms to load: not before the handshake
    const input = Object.assign(new EventEmitter(), { pause() {} });
    const output = {
      write: (text: string) => {
        this.#options.write(text.replace(/\n$/, ''));
        return true;
      },
      once() {},
    };
    const transport = new Transport(input as never, output as never);
    const send = transport.send.bind(transport);
    transport.send = async (message: JSONRPCMessage) => {
      const answered = 'id' in message && !('method' in message) ? this.#answered.get(idKey(message.id)) : undefined;
      if (!answered) return send(message);
      this.#answered.delete(idKey(answered.id));
      const line = JSON.stringify(message);
      if (line !== answered.line) onDifference(answered, line);
    };
    await server.connect(transport);
    this.#sdkInput = input;
    const read = Buffer.concat(this.#backlog.splice(0));
    if (read.length) input.emit('data', read);
  }
}
