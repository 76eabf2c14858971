// ask to a live session without intercom, in tmux: type a pointer to the question into its pane,
// then read the answer from its transcript: the assistant text written after our prompt, taken
// once the transcript has stopped growing for two reads in a row. Only safe tokens are typed (the
// asker's code, the question's id, the store path), never the question itself, which another
// session wrote; nothing is typed over a person's half-typed prompt (typeIntoPane refuses).
import { IntercomError } from '../core/errors.ts';
import { typeIntoPane } from './tmux.ts';
import type { TmuxOptions } from './tmux.ts';
import { assistantText, readRecordsFrom, transcriptSize, userPromptText } from './transcript-tail.ts';

/** Time between transcript reads once an answer has started. */
export const SETTLE_READ_MS = 750;

export async function askInPane(
  question: { id: string; line: string },
  pane: string,
  transcript: string,
  options: { tmux: TmuxOptions; timeoutMs: number; signal?: AbortSignal | undefined },
): Promise<{ answer: string; complete: boolean }> {
  let offset = transcriptSize(transcript);
  const failed = await typeIntoPane(pane, question.line, options.tmux);
  if (failed)
    throw new IntercomError(
      'IO',
      `not typed: ${failed} (tmux pane ${pane}). The question waits in the session's mailbox (id ${question.id})`,
    );
  const deadline = Date.now() + options.timeoutMs;
  let seenPrompt = false;
  const parts: string[] = [];
  let stableReads = 0;
  let lastSize = -1;
  while (Date.now() < deadline && !options.signal?.aborted) {
    const { records, next } = readRecordsFrom(transcript, offset);
    offset = next;
    for (const record of records) {
      const prompt = userPromptText(record);
      if (!seenPrompt) {
        if (prompt?.includes(question.id)) seenPrompt = true;
        continue;
      }
      if (prompt !== undefined) return { answer: parts.join('\n'), complete: true }; // a new prompt: our turn is over
      const text = assistantText(record);
      if (text) parts.push(text);
    }
    const size = transcriptSize(transcript);
    stableReads = parts.length && size === lastSize ? stableReads + 1 : 0;
    lastSize = size;
    if (stableReads >= 2) return { answer: parts.join('\n'), complete: true };
    await Bun.sleep(SETTLE_READ_MS);
  }
  return { answer: parts.join('\n'), complete: false };
}
