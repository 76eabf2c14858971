// What the model says in the pictures. The Claude Code client, the MCP server, the hooks and the
// wake are real; only the model is the mock API on 127.0.0.1, and these are its lines, so the
// pictures read like a session at work rather than "mock reply to: …".
import { messageText, turnOf } from '../../test/helpers/mock-anthropic.ts';
import type { MockReply, MockRequest } from '../../test/helpers/mock-anthropic.ts';

/** What the person types into each session (the scenario scripts/screenshots.ts plays). */
export const PROMPTS = {
  api: 'rebase onto main once the webapp session says the login fix is merged',
  webapp: 'tell the api session that the login fix is merged',
};
export const MESSAGE = 'The login fix is merged on main (PR #212). Go ahead and rebase.';
/** How the two answers end (what the script waits for on screen). */
export const WOKEN_ANSWER_END = 'Rebasing onto main now.';
export const SENT_ANSWER_END = 'intercom woke it.';

const tool = (name: string, input: unknown): MockReply => ({ kind: 'tool', name: `mcp__intercom__${name}`, input });
const say = (text: string): MockReply => ({ kind: 'text', text });

/** `apiCode()`: the api session's agent code, known once its session registered. */
export function demoModel(apiCode: () => string | undefined) {
  return (body: MockRequest['body']): MockReply | undefined => {
    // Only the sessions' main turns (they offer intercom's tools); titles and the like keep the defaults.
    if (!(body.tools ?? []).some((t) => t.name === 'mcp__intercom__send')) return undefined;
    const last = body.messages.at(-1);
    // The wake: intercom's watcher hands the message to the idle session as a new user turn.
    const lastText = last?.role === 'user' ? messageText(last) : '';
    if (lastText.includes('<peer-message') && lastText.includes(MESSAGE)) {
      const from = /<peer-message [^>]*from="([a-z0-9]+)"/.exec(lastText)?.[1];
      return say(`${from} (webapp) says the login fix is merged. ${WOKEN_ANSWER_END}`);
    }
    const { prompt, toolCalls } = turnOf(body);
    if (prompt.includes(PROMPTS.api)) {
      if (toolCalls === 0) return tool('set_status', { status: 'waiting for the login fix', name: 'api' });
      return say("OK. I'll rebase once webapp says the fix is merged; intercom wakes me when its message lands.");
    }
    if (prompt.includes(PROMPTS.webapp)) {
      if (toolCalls === 0) return tool('set_status', { status: 'login fix merged', name: 'webapp' });
      if (toolCalls === 1) return tool('who', { scope: 'all' });
      if (toolCalls === 2) return tool('send', { to: apiCode() ?? 'api', body: MESSAGE });
      return say(`Sent to the api session (${apiCode()}): "${MESSAGE}" It was idle, so ${SENT_ANSWER_END}`);
    }
    return undefined;
  };
}
