import type { Intercom, AgentRecord } from '../intercom/index.ts';

/** What a tool handler can use. `self()` throws a clear error when registration failed. */
export interface ToolContext {
  store: Intercom;
  self(): AgentRecord;
  setSelf(agent: AgentRecord): void;
  /** Resolves once the agent is registered (or registration failed: then self() throws why). */
  ready(): Promise<void>;
  takeWarnings(): string[];
  log(line: string): void;
}
