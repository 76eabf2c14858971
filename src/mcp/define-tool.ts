// One shape for every tool: metadata written for the model, zod input/output shapes, a single
// `kind` from which the annotations are derived (so hints can never contradict each other), and
// a handler that returns text for the model plus structured data.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { ZodRawShape } from 'zod';
import { describeError, isIntercomError } from '../core/errors.ts';
import { capResult } from './budget.ts';
import { inputError, issueWords } from './inputs.ts';
import type { ToolContext } from './tool-context.ts';

/** read: no side effects. write: changes state, safe to repeat. send: changes state, each call acts again. */
export type ToolKind = 'read' | 'write' | 'send';

/**
 * `text` and `data` say the same thing: `data` goes out as structuredContent, which Claude Code
 * hands to the model *instead of* the text (seen with 2.1.330), so it must be self-explanatory;
 * `text` serves clients that show only content. Tools
 * publish no outputSchema: the model never sees it, and the whole tool list must stay under
 * ~3k tokens (DESIGN.md §4), which output schemas alone would use half of.
 */
export interface ToolResult {
  text: string;
  data: Record<string, unknown>;
}

export interface ToolDefinition<In extends ZodRawShape> {
  name: string;
  title: string;
  description: string;
  kind: ToolKind;
  input: In;
  handle(args: z.infer<z.ZodObject<In>>, ctx: ToolContext): Promise<ToolResult>;
}

// Any tool definition, whatever its input shape: lets a list of tools have one type.
// biome-ignore lint/suspicious/noExplicitAny: a list of tools with different input shapes; each is checked where it is defined
export type AnyTool = ToolDefinition<any>;

export function defineTool<In extends ZodRawShape>(tool: ToolDefinition<In>): ToolDefinition<In> {
  return tool;
}

function annotations(tool: AnyTool) {
  return {
    readOnlyHint: tool.kind === 'read',
    destructiveHint: false,
    idempotentHint: tool.kind !== 'send',
    openWorldHint: false,
  };
}

/** Runs a tool on input its schema has passed: its result, or its error in the model's words. */
async function runTool(tool: AnyTool, args: Record<string, unknown>, ctx: ToolContext): Promise<CallToolResult> {
  try {
    await ctx.ready();
    const result = await tool.handle(args as never, ctx);
    const warnings = ctx.takeWarnings();
    const full = warnings.length ? `${result.text}\n\nWarnings:\n${warnings.map((w) => `- ${w}`).join('\n')}` : result.text;
    // Tools page their own lists; this catches whatever still got through, so no result is
    // ever too big for Claude Code to hand the model (src/core/limits.ts).
    const { text, data, capped } = capResult(full, warnings.length ? { ...result.data, warnings } : result.data);
    if (capped) ctx.log(`tool ${tool.name}: result over the size limit, cut`);
    return { content: [{ type: 'text' as const, text }], structuredContent: data };
  } catch (error) {
    if (!isIntercomError(error)) ctx.log(`tool ${tool.name} failed: ${error instanceof Error ? error.stack : String(error)}`);
    // The model is told the next step as a tool to call (core/next-step.ts).
    const text = isIntercomError(error) ? describeError(error, 'model') : `intercom hit an unexpected error: ${describeError(error)}`;
    return refusal(text);
  }
}

const refusal = (text: string): CallToolResult => ({ content: [{ type: 'text' as const, text }], isError: true });

/** Lists the tool (tools/list is the SDK's: its JSON Schema carries the input's bounds). */
export function registerTool(server: McpServer, tool: AnyTool, ctx: ToolContext): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      annotations: annotations(tool),
    },
    (args: Record<string, unknown>) => runTool(tool, args, ctx),
  );
}

/**
 * Answers tools/call in place of the SDK's handler, after the tools are registered. The input is
 * checked against the same schema, but a refusal is said in intercom's words, one line naming
 * each field and what it must be (mcp/inputs.ts); the SDK's would read
 * "MCP error -32602: Input validation error: Invalid arguments for tool ack: Too small: …".
 */
export function answerToolCalls(server: McpServer, tools: AnyTool[], ctx: ToolContext): void {
  const byName = new Map(tools.map((tool) => [tool.name, { tool, schema: z.object(tool.input) }]));
  server.server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const found = byName.get(request.params.name);
    if (!found) return refusal(`there is no tool "${request.params.name}"; the tools are ${[...byName.keys()].join(', ')}`);
    const parsed = await found.schema.safeParseAsync(request.params.arguments ?? {}, { error: issueWords });
    if (!parsed.success) return refusal(inputError(found.tool.name, parsed.error));
    return runTool(found.tool, parsed.data, ctx);
  });
}
