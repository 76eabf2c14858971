// createServer(): an McpServer with every intercom tool registered. No I/O here: the store and
// the agent come through the tool context, whose ready() each tool call awaits.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { answerToolCalls, registerTool } from './define-tool.ts';
import { serverInstructions } from './instructions.ts';
import type { ToolContext } from './tool-context.ts';
import { allTools } from './tools/index.ts';

export const SERVER_NAME = 'intercom';

export function createServer(ctx: ToolContext, options: { version: string }): McpServer {
  const server = new McpServer(
    { name: SERVER_NAME, version: options.version },
    { instructions: serverInstructions(), capabilities: { tools: {} } },
  );
  for (const tool of allTools) registerTool(server, tool, ctx);
  answerToolCalls(server, allTools, ctx);
  return server;
}
