// `intercom mcp --help` prints the usage and serves nothing: no store opened, no agent
// registered, exit 0. src/bin/intercom.ts hands runMcpServer the words after `mcp` (deps.args).
import { expect, test } from 'bun:test';
import { resolveConfig } from '../../src/core/config.ts';
import { runMcpServer } from '../../src/mcp/main.ts';

async function run(args: string[]) {
  const seen = { out: [] as string[], log: [] as string[], exit: [] as number[], opened: 0 };
  await runMcpServer({
    config: resolveConfig({ env: { CLAUDE_INTERCOM_DIR: '/tmp/intercom-mcp-usage-unused' }, cwd: '/w', home: '/home/nobody' }),
    version: '0.0.0-test',
    pid: process.pid,
    openIntercom: async () => {
      seen.opened++;
      throw new Error('the store must not be opened');
    },
    log: (line) => seen.log.push(line),
    exit: (code) => seen.exit.push(code),
    args,
    out: (text) => seen.out.push(text),
  });
  return seen;
}

test.each([['--help'], ['-h']])('intercom mcp %s: the usage on stdout, exit 0, nothing opened', async (flag) => {
  const seen = await run([flag]);
  expect(seen).toEqual({ out: [expect.stringMatching(/^usage: intercom mcp /)], log: [], exit: [0], opened: 0 });
});

test('a stray argument: the usage on stderr after what was wrong, exit 2, nothing opened', async () => {
  const seen = await run(['serve']);
  expect(seen).toEqual({
    out: [],
    log: [expect.stringMatching(/^intercom mcp: unexpected argument "serve"\nusage: intercom mcp /)],
    exit: [2],
    opened: 0,
  });
});
