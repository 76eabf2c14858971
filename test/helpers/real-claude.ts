// Running the real Claude Code CLI (the @anthropic-ai/claude-code devDependency) offline: a temp
// HOME and CLAUDE_CONFIG_DIR with intercom installed by `intercom install`, the mock API on
// 127.0.0.1, and a refusing proxy for anything else.
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runIntercom } from './cli.ts';
import { lines } from './lines.ts';
import type { MockAnthropic } from './mock-anthropic.ts';
import { REPO } from './paths.ts';
import { makeProject } from './tmp.ts';

export const CLAUDE_BIN = join(REPO, 'node_modules', '.bin', 'claude');
export const hasClaude = existsSync(CLAUDE_BIN);

export interface ClaudeSandbox {
  env: Record<string, string>;
  project: string;
  store: string;
  configDir: string;
}

/** `install`: run `intercom install` into the sandbox (else the test loads intercom another way, e.g. as a plugin). */
export async function claudeSandbox(sandbox: string, mock: MockAnthropic, name = 'app', install = true): Promise<ClaudeSandbox> {
  const home = join(sandbox, 'home');
  const configDir = join(home, '.claude');
  mkdirSync(configDir, { recursive: true });
  const project = makeProject(sandbox, name);
  const store = join(sandbox, 'store');
  // The plugin's .mcp.json and hooks.json run `bun` from PATH, as a user's setup would.
  const bin = join(sandbox, 'bin');
  mkdirSync(bin, { recursive: true });
  if (!existsSync(join(bin, 'bun'))) symlinkSync(process.execPath, join(bin, 'bun'));
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    CLAUDE_CONFIG_DIR: configDir,
    CLAUDE_INTERCOM_DIR: store,
    ANTHROPIC_BASE_URL: mock.url,
    ANTHROPIC_API_KEY: 'sk-ant-test-0000000000000000000000',
    CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1',
    HTTPS_PROXY: mock.proxyUrl,
    HTTP_PROXY: mock.proxyUrl,
    NO_PROXY: '127.0.0.1,localhost',
    // MCP tools are otherwise deferred behind ToolSearch; the mock calls them directly.
    ENABLE_TOOL_SEARCH: 'false',
    TERM: 'xterm-256color',
  };
  // Skip the first-run screens (onboarding, API key approval, folder trust).
  writeFileSync(
    join(configDir, '.claude.json'),
    JSON.stringify({
      hasCompletedOnboarding: true,
      customApiKeyResponses: { approved: [env.ANTHROPIC_API_KEY!.slice(-20)], rejected: [] },
      projects: { [project]: { hasTrustDialogAccepted: true } },
    }),
  );
  if (install) {
    const installed = await runIntercom(['install'], { env });
    if (installed.code !== 0) throw new Error(`intercom install failed: ${installed.stderr}`);
  }
  return { env, project, store, configDir };
}

/** Flags every test run passes: intercom's tools and Bash are allowed without a prompt. */
export const CLAUDE_FLAGS = ['--allowedTools', 'mcp__intercom', 'Bash'];

/** One `claude -p <prompt> --output-format json` run. */
export async function claudePrint(box: ClaudeSandbox, prompt: string, extra: string[] = []) {
  const proc = Bun.spawn([CLAUDE_BIN, '-p', prompt, '--output-format', 'json', ...CLAUDE_FLAGS, ...extra], {
    cwd: box.project,
    env: box.env,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { code, stdout, stderr };
}

/** A long-lived session (`--input-format stream-json`, stdin held open): it can go idle and be woken. */
export function claudeStream(box: ClaudeSandbox, extra: string[] = []) {
  const proc = Bun.spawn(
    [CLAUDE_BIN, '-p', '--input-format', 'stream-json', '--output-format', 'stream-json', '--verbose', ...CLAUDE_FLAGS, ...extra],
    { cwd: box.project, env: box.env, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe' },
  );
  const events: Record<string, unknown>[] = [];
  let ending: Promise<void> | undefined;
  const waiting: { match: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  (async () => {
    for await (const line of lines(proc.stdout)) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      for (const w of [...waiting]) {
        if (!w.match(event)) continue;
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(event);
      }
    }
  })();
  return {
    proc,
    events,
    say(text: string) {
      proc.stdin.write(`${JSON.stringify({ type: 'user', message: { role: 'user', content: text } })}\n`);
      proc.stdin.flush();
    },
    /** The nth (1-based) event matching, waiting for it if need be. */
    async waitForEvent(match: (e: Record<string, unknown>) => boolean, nth = 1, ms = 60_000): Promise<Record<string, unknown>> {
      const deadline = Date.now() + ms;
      for (;;) {
        const found = events.filter(match);
        if (found.length >= nth) return found[nth - 1]!;
        if (Date.now() > deadline)
          throw new Error(
            `claude: no event #${nth} matching within ${ms} ms; saw ${events.map((e) => `${e.type}/${e.subtype ?? ''}`).join(' ')}`,
          );
        await new Promise<Record<string, unknown>>((resolve) => {
          waiting.push({ match, resolve });
          setTimeout(() => resolve({}), 250);
        });
      }
    },
    /** Close its input and wait for it to exit (idempotent). */
    end() {
      ending ??= (async () => {
        proc.stdin.end();
        const timer = setTimeout(() => proc.kill('SIGTERM'), 40_000);
        await proc.exited;
        clearTimeout(timer);
      })();
      return ending;
    },
  };
}

/**
 * Start the real client interactively in a new tmux session (`name`, `cols` × `rows`) in the
 * sandbox's project, its environment given inline. `tmux` runs tmux on the test's own socket.
 * Returns tmux's exit code (0 when the session started).
 */
export function claudeInTmux(
  tmux: (...args: string[]) => { exitCode: number | null },
  box: ClaudeSandbox,
  options: { name: string; cols: number; rows: number; args: string[] },
): number | null {
  const env = Object.entries(box.env)
    .map(([k, v]) => `${k}='${v}'`)
    .join(' ');
  const command = `env ${env} '${CLAUDE_BIN}' ${options.args.join(' ')}`;
  return tmux('new-session', '-d', '-s', options.name, '-x', String(options.cols), '-y', String(options.rows), '-c', box.project, command)
    .exitCode;
}
