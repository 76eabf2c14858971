// PreToolUse's mail handover, one implementation for both routes: the full hook (pre-tool-use.ts,
// on an Intercom) and the lean route (pre-tool-use-lean.ts, on store/quick-mail.ts, when
// mail waits and that is all). Which agent the hook belongs to (intercom/identity.ts), whether
// this tool call may take mail at all (intercom/wake.ts: never in a subagent, never in a run that
// may end after any tool call), and what one delivery holds (deliver.ts) are decided here alone.
import type { ProcInfo } from '../core/proc.ts';
import { hookAgent, hookClaude } from '../intercom/identity.ts';
import type { HookAgent, HookAgentStore, HookSelf } from '../intercom/identity.ts';
import { mailHandover } from '../intercom/wake.ts';
import type { Mail } from '../store/mail.ts';
import { claimedText, claimNewMail } from './deliver.ts';
import type { ClaimStore } from './deliver.ts';

/** An Intercom, or the lean route's store (store/quick-mail.ts). */
export type ToolCallMailStore = HookAgentStore & ClaimStore & { mail: Pick<Mail, 'countNew'> };

export interface ToolCallMail {
  /** The hook's agent, if it has one (the claim guard leaves out its own claims). */
  agent: HookAgent | undefined;
  /** The delivery for the model (additionalContext), when mail was claimed for it. */
  context: string | undefined;
}

/**
 * Find the hook's agent and, where this tool call may take mail, claim what fits one delivery.
 * `lineage`: the hook's ancestors (core/proc.ts `ancestors`). `subagent`: the input has `agent_id`.
 */
export async function toolCallMail(
  store: ToolCallMailStore,
  self: HookSelf,
  lineage: ProcInfo[],
  subagent: boolean,
): Promise<ToolCallMail> {
  const agent = await hookAgent(store, self, lineage);
  const canShow = mailHandover('pre-tool-use', { subagent, claude: hookClaude(self, lineage) }) === 'context';
  if (!agent || !canShow || (await store.mail.countNew(agent.code)) === 0) return { agent, context: undefined };
  const mail = await claimNewMail(store, agent.code);
  const context = mail.length ? await claimedText(store, agent.code, mail) : undefined;
  return { agent, context };
}
