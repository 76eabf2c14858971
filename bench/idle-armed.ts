// Is a watcher still armed after a long idle time? Starts the real Claude Code client (stream-json
// session against the mock API) with intercom installed, lets the session go idle, waits
// `--minutes` (default 120), then sends it a message and reports whether, and how fast, a new
// request reached the model. Not part of `npm run bench` (it takes hours); run it by hand:
//   bun bench/idle-armed.ts --minutes 120
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startAgent } from '../test/helpers/agent.ts';
import { messageText, startMockAnthropic } from '../test/helpers/mock-anthropic.ts';
import { claudeSandbox, claudeStream } from '../test/helpers/real-claude.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '120' } } });
const minutes = Number(values.minutes);
const sandbox = mkdtempSync(join(tmpdir(), 'intercom-idle-'));
const mock = startMockAnthropic();
const box = await claudeSandbox(sandbox, mock);
const peer = await startAgent({ cwd: box.project, env: { ...box.env, CLAUDE_INTERCOM_SESSION: 'peer' } });
const session = claudeStream(box);
const stamp = () => new Date().toISOString();
try {
  session.say('first turn, then wait');
  await session.waitForEvent((e) => e.type === 'result');
  const code = ((await peer.call('who')).agents as { code: string; you: boolean }[]).find((a) => !a.you)!.code;
  console.log(`${stamp()} session idle as agent ${code}; waiting ${minutes} min`);
  await Bun.sleep(minutes * 60_000);
  const before = mock.requests.length;
  await peer.call('send', { to: code, body: `still there after ${minutes} minutes?` });
  const t0 = performance.now();
  const woke = await mock
    .waitFor(
      (r) => r.n > before && r.body.messages.some((m) => messageText(m).includes(`still there after ${minutes} minutes?`)),
      30_000,
      'wake',
    )
    .then(
      () => true,
      () => false,
    );
  console.log(
    `${stamp()} after ${minutes} min idle: ${woke ? `woken, request reached the model ${(performance.now() - t0).toFixed(0)} ms after the send` : 'NOT woken within 30 s'}`,
  );
  process.exitCode = woke ? 0 : 1;
} finally {
  await session.end();
  await peer.close();
  mock.close();
  rmSync(sandbox, { recursive: true, force: true });
}
