// POST <token>/send: the page's form sends a message as the human. Answers JSON, always:
// { ok: true, id, delivery } or { ok: false, error } with an error the page shows as is.
import { describeError, isIntercomError } from '../../core/errors.ts';
import { renderNote } from '../../core/next-step.ts';
import type { Intercom } from '../../intercom/index.ts';
import { parseAddress } from '../../intercom/addressing.ts';

/** The largest request accepted; a bigger message can go through `intercom send <to> -`. */
export const MAX_SEND_REQUEST_BYTES = 64 * 1024;

class TooLarge extends Error {}

function answer(status: number, body: Record<string, unknown>): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

const refuse = (status: number, error: string) => answer(status, { ok: false, error });

/** The request body as text, read no further than `limit` bytes whatever Content-Length claims. */
async function readCapped(request: Request, limit: number): Promise<string> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) throw new TooLarge();
  if (!request.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of request.body) {
    size += chunk.byteLength;
    if (size > limit) throw new TooLarge();
    chunks.push(chunk);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

export async function handleSend(request: Request, store: Intercom, onUnexpected: (error: unknown) => void): Promise<Response> {
  // A JSON content type also forces a CORS preflight on any cross-site attempt, which gets a 404.
  if (!/^application\/json\s*(;|$)/i.test(request.headers.get('content-type') ?? '')) {
    return refuse(415, 'send needs Content-Type: application/json with a body like {"to": "x7k2", "body": "hello"}');
  }
  let text: string;
  try {
    text = await readCapped(request, MAX_SEND_REQUEST_BYTES);
  } catch (error) {
    if (!(error instanceof TooLarge)) throw error;
    return refuse(
      413,
      `the message is larger than the dashboard accepts (${MAX_SEND_REQUEST_BYTES / 1024} KiB); send it from a file with: intercom send <to> - < file`,
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    return refuse(400, 'the request body is not JSON; send {"to": "x7k2", "body": "hello"}');
  }
  const { to, body, reply_to } = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  if (typeof to !== 'string' || to.trim() === '')
    return refuse(400, 'say who it is for: "to" is an agent code or name, "all", "*" or a session id');
  if (typeof body !== 'string' || body.trim() === '') return refuse(400, 'the message is empty; write something in "body"');
  if (reply_to !== undefined && typeof reply_to !== 'string')
    return refuse(400, '"reply_to" must be a message id like 1766312345678-000abc1234');
  try {
    const result = await store.send({ sender: { kind: 'human' }, to: parseAddress(to), body, replyTo: reply_to });
    return answer(200, {
      ok: true,
      id: result.message.id,
      to: result.message.to,
      delivery: result.delivery.map((d) => renderNote(d, 'human')),
    });
  } catch (error) {
    // The store's errors say what to do next; anything else is a bug worth a log line.
    if (isIntercomError(error)) return refuse(400, describeError(error, 'human'));
    onUnexpected(error);
    return refuse(500, `unexpected error: ${describeError(error)}; the terminal running intercom dashboard has details`);
  }
}
