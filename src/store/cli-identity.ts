// Who the CLI acts as: the person at the terminal ("human"), unless CLAUDE_INTERCOM_SESSION
// names a live agent (e.g. a script run from inside a Claude session).
import { IntercomError } from '../core/errors.ts';
import type { Agents } from './agents.ts';
import type { Sender } from './post-office.ts';

export async function resolveCliSender(agents: Agents, override: string | undefined): Promise<Sender> {
  if (override === undefined) return { kind: 'human' };
  const code = await agents.codeForOverride(override);
  const agent = code ? await agents.getLive(code) : undefined;
  if (!agent) {
    throw new IntercomError(
      'NOT_LIVE',
      `CLAUDE_INTERCOM_SESSION=${override} does not name a live agent; unset it to act as "human", or run intercom who`,
    );
  }
  return { kind: 'agent', agent };
}
