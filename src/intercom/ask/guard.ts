// What an ask may do to a session without intercom: type into its pane when it runs in tmux,
// resume it headlessly when nothing runs it, and nothing else. A resume while any claude process
// may be writing the session would fork its transcript, so every doubt is a refusal. Called
// before the session's claim (to refuse early) and again under it (the answer may have changed).
import { IntercomError } from '../../core/errors.ts';
import type { SessionRecord, SessionSnapshot, SessionView } from '../sessions.ts';

/** Throws, naming what to do instead, unless the session can be typed into or resumed. */
export function assertAskable(record: SessionRecord, view: SessionView, snapshot: SessionSnapshot): void {
  if (view.tmux) return; // a claude process known to run this very session, in a pane: type into it
  if (view.state === 'live' || view.state === 'running') {
    throw new IntercomError(
      'UNSUPPORTED',
      `session ${record.id} is running outside tmux: intercom cannot type into it, and must not resume it while it runs (that would fork its transcript). ` +
        'Nothing was sent',
      { next: { op: 'send', why: 'to leave it a message instead (it waits in its mailbox), or run that session in tmux' } },
    );
  }
  // A claude process whose session is only guessed (or whose named session a newer transcript
  // of its folder contradicts) may be writing this very session.
  const doubtful = snapshot.running.find((r) => r.doubt && (r.maybe.includes(record.id) || (r.cwd !== undefined && r.cwd === record.cwd)));
  if (doubtful) {
    throw new IntercomError(
      'UNSUPPORTED',
      `a claude process (pid ${doubtful.pid}${doubtful.tmux ? `, tmux pane ${doubtful.tmux}` : ''}) runs in ${doubtful.cwd ?? record.cwd} and intercom cannot tell which session it is ` +
        `(${doubtful.doubt}), so it may be ${record.id}: resuming that would fork its transcript. ` +
        'Nothing was sent',
      { next: { op: 'send', why: 'to leave it a message instead (it waits in its mailbox), or ask again once that process has exited' } },
    );
  }
}
