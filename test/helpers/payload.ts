import { createHash } from 'node:crypto';

/** Checks a body written by test/fixtures/send-many.ts; returns sender and seq, or why it is torn. */
export function checkPayload(body: string): { sender: string; seq: number } | { torn: string } {
  const space = body.indexOf(' ');
  const sum = body.slice(0, space);
  const payload = body.slice(space + 1);
  if (createHash('sha256').update(payload).digest('hex').slice(0, 16) !== sum) return { torn: body.slice(0, 80) };
  const [sender, seq] = payload.split(':');
  return { sender: sender ?? '', seq: Number(seq) };
}
