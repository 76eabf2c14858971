// The hook input handed from the watcher hook to its lean wait (hooks/input.ts hookInputText): the
// fields intercom reads, written back as Claude Code writes them, and nothing else.
import { expect, test } from 'bun:test';
import { hookInputText, parseHookInput } from '../../src/hooks/input.ts';

const STOP = {
  session_id: '8effd0df-cf3d-455a-904a-fc41be409833',
  transcript_path: '/home/u/.claude/projects/-shop/8effd0df-cf3d-455a-904a-fc41be409833.jsonl',
  cwd: '/home/u/shop',
  permission_mode: 'default',
  hook_event_name: 'Stop',
  stop_hook_active: false,
  last_assistant_message: `${'a long answer '.repeat(20_000)}"quoted" \\ \u2028`,
};

test('written back, an input parses to what it parsed to, without what intercom does not read (a Stop of any size)', () => {
  const input = parseHookInput(JSON.stringify(STOP));
  const text = hookInputText(input);
  expect(parseHookInput(text)).toEqual(input);
  expect(text).not.toContain('a long answer');
  expect(text.length).toBeLessThan(1_000);
});

test('every field parseHookInput reads survives the trip (a subagent, a compaction, a tool call)', () => {
  const input = parseHookInput(
    JSON.stringify({ ...STOP, agent_id: 'a1', source: 'compact', tool_name: 'Edit', tool_input: { file_path: '/x', n: [1, { y: 'z' }] } }),
  );
  expect(Object.keys(input).sort()).toEqual(['agentId', 'cwd', 'sessionId', 'source', 'toolInput', 'toolName', 'transcriptPath']);
  expect(parseHookInput(hookInputText(input))).toEqual(input);
});
