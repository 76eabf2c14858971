import type { AnyTool } from '../define-tool.ts';
import { ackAllTool } from './ack-all.ts';
import { askTool } from './ask.ts';
import { claimTool } from './claim.ts';
import { claimsTool } from './claims.ts';
import { releaseTool } from './release.ts';
import { searchTool } from './search.ts';
import { statusTool } from './status.ts';
import { threadTool } from './thread.ts';
import { listSessionsTool } from './list-sessions.ts';
import { ackTool } from './ack.ts';
import { peekTool } from './peek.ts';
import { replyTool } from './reply.ts';
import { sendTool } from './send.ts';
import { setStatusTool } from './set-status.ts';
import { whoTool } from './who.ts';
import { whoamiTool } from './whoami.ts';

/** Every tool the server offers, in the order they are listed. Pinned by test/e2e/tool-list.test.ts. */
export const allTools: AnyTool[] = [
  whoamiTool,
  whoTool,
  sendTool,
  peekTool,
  replyTool,
  ackTool,
  ackAllTool,
  setStatusTool,
  listSessionsTool,
  askTool,
  claimTool,
  releaseTool,
  claimsTool,
  statusTool,
  threadTool,
  searchTool,
];
