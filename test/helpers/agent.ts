// A real intercom MCP server spawned over stdio, driven by the SDK client: what Claude Code does.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { BUN, ENTRY } from './paths.ts';

export interface TestAgent {
  client: Client;
  pid: number;
  code: string;
  /** Call a tool; returns structuredContent, or throws with the error text. */
  call(name: string, args?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** Call a tool and return the raw result (for error cases). */
  raw(name: string, args?: Record<string, unknown>): Promise<{ isError?: boolean; text: string; data?: Record<string, unknown> }>;
  close(): Promise<void>;
  stderr(): string;
}

/** `expectBroken`: the server is expected to start without an identity (its tools report why). */
export async function startAgent(options: { cwd: string; env: Record<string, string>; expectBroken?: boolean }): Promise<TestAgent> {
  let stderr = '';
  const transport = new StdioClientTransport({ command: BUN, args: [ENTRY, 'mcp'], cwd: options.cwd, env: options.env, stderr: 'pipe' });
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'intercom-test', version: '0' });
  await client.connect(transport);
  const pid = transport.pid;
  if (pid === null) throw new Error('server has no pid');
  const raw = async (name: string, args: Record<string, unknown> = {}) => {
    const result = await client.callTool({ name, arguments: args });
    const content = result.content as { type: string; text: string }[];
    return {
      isError: result.isError === true,
      text: content.map((c) => c.text).join('\n'),
      data: result.structuredContent as Record<string, unknown> | undefined,
    };
  };
  const call = async (name: string, args: Record<string, unknown> = {}) => {
    const r = await raw(name, args);
    if (r.isError) throw new Error(`${name} failed: ${r.text}`);
    return r.data ?? {};
  };
  const me = options.expectBroken ? { code: '' } : await call('whoami');
  return {
    client,
    pid,
    code: String(me.code),
    call,
    raw,
    close: () => client.close(),
    stderr: () => stderr,
  };
}
