// ask: put a question to someone and wait for the answer. Three routes, by what the target is:
// an intercom agent (a native request/reply over the store, woken by its hooks), a live session
// without intercom in tmux (typed into its pane, answer read from its transcript), or a session
// that is not running (resumed headlessly). Every route first records the question in the
// target's mailbox, so nothing is lost when the answer does not come. Asks to one session take
// turns (store/session-lock.ts), and whether it may be typed into or resumed is decided under its claim.
import { IntercomError } from '../../core/errors.ts';
import { ASK_TIMEOUT_S, inRange, rangeText } from '../../core/ranges.ts';
import type { IntercomContext } from '../context.ts';
import type { Mail } from '../../store/mail.ts';
import type { PostOffice, Sender } from '../post-office.ts';
import { senderMailbox } from '../post-office.ts';
import type { SessionRecord, Sessions, SessionView } from '../sessions.ts';
import { capAnswer, framedQuestion } from './framing.ts';
import { parseAddress } from '../addressing.ts';
import type { Address } from '../addressing.ts';
import { askHeadless, headlessCommand } from '../../claude/headless.ts';
import { assertAskable } from './guard.ts';
import { askInPane } from '../../claude/pane-answer.ts';
import { paneQuestion } from '../nudge.ts';
import { waitForReply } from './native.ts';
import { withSessionClaim } from '../../store/session-lock.ts';

export interface AskResult {
  via: 'agent' | 'tmux' | 'headless';
  /** Agent code, "human" or session id. */
  to: string;
  question_id: string;
  answer: string;
  /** false when the time ran out while the answer was still being written (tmux). */
  complete: boolean;
  truncated: boolean;
  reply_id?: string;
}

export interface AskInput {
  sender: Sender;
  /** One recipient (parsed by the caller, or text parsed here). */
  to: Address | string;
  question: string;
  timeoutS?: number | undefined;
  signal?: AbortSignal | undefined;
}

export function createAsk(ctx: IntercomContext, mail: Mail, office: PostOffice, sessions: Sessions) {
  async function ask(input: AskInput): Promise<AskResult> {
    const timeoutS = input.timeoutS ?? ASK_TIMEOUT_S.default;
    if (!inRange(timeoutS, ASK_TIMEOUT_S)) {
      throw new IntercomError('BAD_INPUT', `an ask's timeout must be ${rangeText(ASK_TIMEOUT_S)} (default ${ASK_TIMEOUT_S.default})`);
    }
    const to = typeof input.to === 'string' ? parseAddress(input.to) : input.to;
    if (to.kind !== 'direct' || to.tokens.length > 1) {
      throw new IntercomError('BAD_INPUT', 'ask goes to one recipient', {
        next: { op: 'send', lead: 'to reach several,', why: '(answers come back to your inbox)' },
      });
    }
    const timeoutMs = timeoutS * 1000;
    const deadline = Date.now() + timeoutMs;
    const { recipients, snapshot } = await office.resolve(to, input.sender);
    const box = recipients.codes[0]!;
    const sessionId = recipients.sessions?.get(box);

    if (!sessionId || !snapshot) {
      const { message, delivery } = await office.send({
        sender: input.sender,
        to: { kind: 'direct', tokens: [box] },
        body: input.question,
        expectsReply: true,
      });
      const reply = await waitForReply(ctx, mail, senderMailbox(input.sender), message.id, { timeoutMs, signal: input.signal });
      if (!reply) {
        // On another machine that is not reachable, the question never got there: it waits to be sent.
        const where = delivery[0]?.via === 'queued' ? `is ${delivery[0].note.split(':')[0]}` : 'stays in its inbox';
        throw new IntercomError(
          'TIMEOUT',
          `no answer from ${box} within ${timeoutS} s. The question (id ${message.id}) ${where}; a later reply will land in your inbox`,
          { next: { op: 'peek', why: 'to read it then' } },
        );
      }
      return { via: 'agent', to: box, question_id: message.id, ...capAnswer(reply.body), complete: true, reply_id: reply.id };
    }

    // Whether the session may be typed into or resumed is decided only under its claim: before
    // it, another ask's resume (a running claude) would look like the session's own process,
    // and what was checked could change before the resume. Refusals come before the question is
    // recorded, so a retry after the fix is not a "repeat".
    return withSessionClaim(ctx.layout, sessionId, { deadline, signal: input.signal }, async () => {
      // Taken afresh: while this ask waited, another may have resumed the session, or its own
      // claude may have started (in tmux or not).
      const fresh = await sessions.snapshot();
      const record = fresh.sessions.find((s) => s.id === sessionId);
      if (!record) {
        throw new IntercomError('NOT_FOUND', `session ${sessionId}'s transcript is gone; nothing was sent.`, {
          next: { op: 'list_sessions', why: 'to see the sessions there are' },
        });
      }
      const view = sessions.view(record, fresh);
      assertAskable(record, view, fresh);
      // The wait for the claim counts against the ask's timeout; at least a second is left to answer.
      return askSession(input, box, record, view, Math.max(1_000, deadline - Date.now()));
    });
  }

  async function askSession(input: AskInput, box: string, record: SessionRecord, view: SessionView, timeoutMs: number): Promise<AskResult> {
    const sessionId = record.id;
    const timeoutS = Math.round(timeoutMs / 1000);
    const claude = view.tmux ? undefined : headlessCommand(record, ctx.reach);
    const question = await office.post(input.sender, { to: [box], scope: 'direct', body: input.question, expectsReply: true });
    const answered = async () => void (await mail.move(box, question.id, ['new', 'delivered', 'seen'], 'replied'));
    if (view.tmux) {
      const path = ctx.layout.messageFile(box, 'new', question.id);
      const { answer, complete } = await askInPane({ id: question.id, line: paneQuestion(question, path) }, view.tmux, record.transcript, {
        tmux: ctx.reach.tmux,
        timeoutMs,
        signal: input.signal,
      });
      if (!answer) {
        throw new IntercomError(
          'TIMEOUT',
          `no answer in session ${sessionId}'s transcript within ${timeoutS} s (the question was typed into tmux pane ${view.tmux}); it stays in the session's mailbox (id ${question.id})`,
        );
      }
      await answered();
      return { via: 'tmux', to: sessionId, question_id: question.id, ...capAnswer(answer), complete };
    }
    // The resumed run reads the question as its prompt: it is delivered that way, so its hooks
    // must not hand it over a second time (they hand over any other mail that waited). Should
    // the run fail (not merely run out of time, when its model did read the prompt), no model
    // saw it, and it goes back to new/.
    await mail.markDelivered(box, [question.id]);
    let answer: string;
    try {
      answer = await askHeadless({ id: question.id, prompt: framedQuestion(question) }, record, claude!, ctx.reach, {
        timeoutMs,
        signal: input.signal,
      });
    } catch (error) {
      if (!(error instanceof IntercomError && error.code === 'TIMEOUT')) await mail.move(box, question.id, ['delivered'], 'new');
      throw error;
    }
    await answered();
    return { via: 'headless', to: sessionId, question_id: question.id, ...capAnswer(answer), complete: true };
  }

  return ask;
}
