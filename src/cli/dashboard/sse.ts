// Server-sent events: one text/event-stream response per open page, and a broadcast to all.
// Data is JSON, which never contains a raw newline, so one `data:` line per event is enough.

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface EventHub {
  /** A response that streams `initial` first, then every later broadcast, until the page goes. */
  connect(initial: SseEvent[]): Response;
  broadcast(event: SseEvent): void;
  /** Ends every stream (the server is stopping). */
  close(): void;
  /** How many pages are connected. */
  size(): number;
}

/** A comment line this often keeps proxies and idle timers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

const encoder = new TextEncoder();

export function formatEvent({ event, data }: SseEvent): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export function createEventHub(options: { heartbeatMs?: number } = {}): EventHub {
  const clients = new Set<ReadableStreamDefaultController<Uint8Array>>();

  /** Queue text on one stream; a stream that is already gone is dropped. */
  function push(client: ReadableStreamDefaultController<Uint8Array>, text: string): void {
    try {
      client.enqueue(encoder.encode(text));
    } catch {
      clients.delete(client); // the page closed between its cancel and our write: nothing to tell
    }
  }

  const heartbeat = setInterval(() => {
    for (const client of clients) push(client, ': keep-alive\n\n');
  }, options.heartbeatMs ?? HEARTBEAT_MS);

  return {
    connect(initial) {
      let self: ReadableStreamDefaultController<Uint8Array> | undefined;
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          self = controller;
          // `retry` tells the browser to come back quickly after a dropped connection.
          push(controller, `retry: 2000\n\n${initial.map(formatEvent).join('')}`);
          clients.add(controller);
        },
        cancel() {
          if (self) clients.delete(self);
        },
      });
      return new Response(stream, {
        headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', 'X-Accel-Buffering': 'no' },
      });
    },
    broadcast(event) {
      const text = formatEvent(event);
      for (const client of clients) push(client, text);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of clients) {
        try {
          client.close();
        } catch {
          // already closed by the page: nothing left to end
        }
      }
      clients.clear();
    },
    size: () => clients.size,
  };
}
