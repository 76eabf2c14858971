// A stand-in for the Anthropic Messages API on 127.0.0.1, so the real Claude Code client can run
// offline in tests. It streams SSE like the real API and follows a script written in the user's
// prompt: each line `TOOL:<tool name>:<json input>` becomes one tool_use, in order, one per
// reply; after the last one (or with none) it answers with text; MOCK_ERROR:<status> in the
// newest user message gets an API error instead. Every request body is kept for
// the test to inspect. Also a proxy that refuses everything, so nothing leaves the machine.

export interface MockRequest {
  n: number;
  body: {
    model?: string;
    stream?: boolean;
    tools?: { name: string }[];
    system?: unknown;
    messages: { role: string; content: string | { type: string; text?: string; content?: unknown; name?: string }[] }[];
  };
}

export interface MockAnthropic {
  url: string;
  proxyUrl: string;
  requests: MockRequest[];
  /** Resolves with the first request (already seen or future) that matches. */
  waitFor(match: (r: MockRequest) => boolean, ms?: number, what?: string): Promise<MockRequest>;
  close(): void;
}

type Block = { type: string; text?: string; content?: unknown; name?: string; id?: string; input?: unknown };
const blocksOf = (m: MockRequest['body']['messages'][number]): Block[] =>
  typeof m.content === 'string' ? [{ type: 'text', text: m.content }] : (m.content as Block[]);

/** All text of a message, including tool results and text inside system reminders. */
export function messageText(m: MockRequest['body']['messages'][number]): string {
  return blocksOf(m)
    .map((b) => (b.type === 'text' ? b.text : b.type === 'tool_result' ? JSON.stringify(b.content) : ''))
    .join('\n');
}

export type MockReply = { kind: 'text'; text: string } | { kind: 'tool'; name: string; input: unknown };

/** The turn a request continues: its prompt (the last user message carrying text, not only tool
 * results) and how many tool calls the model has made since. */
export function turnOf(body: MockRequest['body']): { prompt: string; toolCalls: number } {
  const messages = body.messages ?? [];
  let promptAt = -1;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === 'user' && blocksOf(m).some((b) => b.type === 'text' && !b.text?.startsWith('<system-reminder>'))) {
      promptAt = i;
      break;
    }
  }
  const prompt = promptAt >= 0 ? messageText(messages[promptAt]!) : '';
  const toolCalls = messages
    .slice(promptAt + 1)
    .filter((m) => m.role === 'assistant' && blocksOf(m).some((b) => b.type === 'tool_use')).length;
  return { prompt, toolCalls };
}

function decide(body: MockRequest['body']): MockReply {
  const messages = body.messages ?? [];
  const { prompt, toolCalls } = turnOf(body);
  const script = [...prompt.matchAll(/TOOL:([A-Za-z0-9_-]+):(\{.*\})/g)].map((m) => ({ name: m[1]!, input: JSON.parse(m[2]!) as unknown }));
  const offered = new Set((body.tools ?? []).map((t) => t.name));
  const step = script[toolCalls];
  if (step && offered.has(step.name)) return { kind: 'tool', name: step.name, input: step.input };
  const last = messages.at(-1);
  return { kind: 'text', text: `mock reply to: ${(last ? messageText(last) : '').replace(/\s+/g, ' ').slice(-200)}` };
}

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function streamReply(n: number, model: string, d: MockReply): string {
  const usage = { input_tokens: 10, output_tokens: 1, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
  const parts = [
    sse('message_start', {
      type: 'message_start',
      message: {
        id: `msg_mock_${n}`,
        type: 'message',
        role: 'assistant',
        model,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage,
      },
    }),
  ];
  if (d.kind === 'text') {
    parts.push(sse('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }));
    parts.push(sse('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: d.text } }));
  } else {
    parts.push(
      sse('content_block_start', {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'tool_use', id: `toolu_mock_${n}`, name: d.name, input: {} },
      }),
    );
    parts.push(
      sse('content_block_delta', {
        type: 'content_block_delta',
        index: 0,
        delta: { type: 'input_json_delta', partial_json: JSON.stringify(d.input) },
      }),
    );
  }
  parts.push(sse('content_block_stop', { type: 'content_block_stop', index: 0 }));
  parts.push(
    sse('message_delta', {
      type: 'message_delta',
      delta: { stop_reason: d.kind === 'text' ? 'end_turn' : 'tool_use', stop_sequence: null },
      usage: { output_tokens: 5 },
    }),
  );
  parts.push(sse('message_stop', { type: 'message_stop' }));
  return parts.join('');
}

/** `reply`: answers chosen by the caller (e.g. scripts/screenshots.ts, whose pictures want natural
 * words); it returns undefined to leave a request to the rules above. */
export function startMockAnthropic(options: { reply?: (body: MockRequest['body']) => MockReply | undefined } = {}): MockAnthropic {
  const requests: MockRequest[] = [];
  const waiters: { match: (r: MockRequest) => boolean; resolve: (r: MockRequest) => void }[] = [];
  let n = 0;
  const server = Bun.serve({
    hostname: '127.0.0.1',
    port: 0,
    async fetch(req) {
      const url = new URL(req.url);
      if (req.method === 'POST' && url.pathname === '/v1/messages/count_tokens') return Response.json({ input_tokens: 100 });
      if (req.method !== 'POST' || url.pathname !== '/v1/messages') {
        return Response.json(
          { type: 'error', error: { type: 'not_found_error', message: `mock: no route ${req.method} ${url.pathname}` } },
          { status: 404 },
        );
      }
      const body = (await req.json()) as MockRequest['body'];
      const request = { n: ++n, body };
      requests.push(request);
      for (const w of [...waiters]) {
        if (w.match(request)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(request);
        }
      }
      // A prompt ending in MOCK_ERROR:<status> gets that API error (not retried by the client for 4xx).
      const newestUser = (body.messages ?? []).filter((m) => m.role === 'user').at(-1);
      const failWith = newestUser ? /MOCK_ERROR:(\d{3})/.exec(messageText(newestUser))?.[1] : undefined;
      if (failWith) {
        return Response.json(
          { type: 'error', error: { type: 'invalid_request_error', message: 'mock: scripted failure' } },
          { status: Number(failWith) },
        );
      }
      const d = options.reply?.(body) ?? decide(body);
      const model = body.model ?? 'mock-model';
      if (!body.stream) {
        const content =
          d.kind === 'text'
            ? [{ type: 'text', text: d.text }]
            : [{ type: 'tool_use', id: `toolu_mock_${n}`, name: d.name, input: d.input }];
        return Response.json({
          id: `msg_mock_${n}`,
          type: 'message',
          role: 'assistant',
          model,
          content,
          stop_reason: d.kind === 'text' ? 'end_turn' : 'tool_use',
          stop_sequence: null,
          usage: { input_tokens: 10, output_tokens: 5 },
        });
      }
      return new Response(streamReply(n, model, d), { headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' } });
    },
  });
  // Anything Claude Code tries to reach besides the mock is refused here.
  const proxy = Bun.serve({ hostname: '127.0.0.1', port: 0, fetch: () => new Response('blocked by the test proxy', { status: 403 }) });
  return {
    url: `http://127.0.0.1:${server.port}`,
    proxyUrl: `http://127.0.0.1:${proxy.port}`,
    requests,
    waitFor(match, ms = 30_000, what = 'a matching request') {
      const seen = requests.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`mock: no ${what} within ${ms} ms (${requests.length} requests seen)`)), ms);
        waiters.push({
          match,
          resolve: (r) => {
            clearTimeout(timer);
            resolve(r);
          },
        });
      });
    },
    close() {
      server.stop(true);
      proxy.stop(true);
    },
  };
}
