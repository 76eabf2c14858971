// The README's pictures, made from the real thing: `npm run screenshots` (bun scripts/screenshots.ts).
// Two real Claude Code sessions (the npm client, devDependency) run interactively in tmux panes on a
// private tmux socket, with intercom installed into a temp Claude config; the model is the mock API
// on 127.0.0.1 speaking the lines of screenshots/demo-model.ts. The person types into the api
// session; it goes idle. The person types into the webapp session, whose model sends the api session
// a message; the api session's watcher wakes it. Then headless Chromium (Debian's chromium, via
// playwright-core) photographs the two panes, drawn as terminal windows, and `intercom dashboard`.
// Nothing touches ~/.claude or ~/.claude-intercom: every path is in a temp folder, removed at the end.
//
//   bun scripts/screenshots.ts [--out DIR] [--json] [--keep]
//     --out   where the PNGs go (default docs/images)
//     --json  print what was made (files, sizes, the panes' and the page's text) as JSON on stdout
//     --keep  leave the temp folder (store, config, transcripts) for a look; its path is printed
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { browserMissing, launchBrowser } from '../test/helpers/browser.ts';
import { runIntercom } from '../test/helpers/cli.ts';
import { startMockAnthropic } from '../test/helpers/mock-anthropic.ts';
import { BUN, ENTRY, REPO } from '../test/helpers/paths.ts';
import { CLAUDE_FLAGS, claudeInTmux, claudeSandbox, hasClaude } from '../test/helpers/real-claude.ts';
import type { ClaudeSandbox } from '../test/helpers/real-claude.ts';
import { makeProject } from '../test/helpers/tmp.ts';
import { exited, until } from '../test/helpers/until.ts';
import { demoModel, MESSAGE, PROMPTS, SENT_ANSWER_END, WOKEN_ANSWER_END } from './screenshots/demo-model.ts';
import { plainText, terminalPage, trimPane } from './screenshots/terminal-page.ts';

const { values: args } = parseArgs({
  options: { out: { type: 'string', default: join(REPO, 'docs', 'images') }, json: { type: 'boolean' }, keep: { type: 'boolean' } },
});
const log = (line: string) => console.error(`screenshots: ${line}`);

// Each pane is as wide as a README picture can be and still be read at GitHub's page width.
const PANE = { cols: 92, rows: 26 };
const SLOW = 90_000; // a bound for a Claude Code start or turn on a busy machine, not a measurement

interface Made {
  files: { path: string; bytes: number }[];
  panes: { api: string; webapp: string };
  dashboard: string;
}

function missingTools(): string | undefined {
  if (!hasClaude) return 'node_modules/.bin/claude is missing (npm install brings it)';
  if (Bun.which('tmux') === null) return 'tmux is missing (apt-get install tmux)';
  return browserMissing();
}

/** The temp Claude config with both projects trusted and the first-run notices already seen. */
async function sandboxFor(root: string, mock: ReturnType<typeof startMockAnthropic>): Promise<ClaudeSandbox & { webapp: string }> {
  const box = await claudeSandbox(root, mock, 'api');
  const webapp = makeProject(root, 'webapp');
  const configFile = join(box.configDir, '.claude.json');
  const config = JSON.parse(readFileSync(configFile, 'utf8'));
  config.projects[webapp] = { hasTrustDialogAccepted: true };
  config.hasSeenAutoDefaultNotice = true; // the "auto mode is now the default" banner (2.1.330)
  writeFileSync(configFile, JSON.stringify(config));
  // HOME is the folder holding both projects, so the banner reads ~/api and ~/webapp.
  return { ...box, env: { ...box.env, HOME: root }, webapp };
}

async function main(): Promise<Made> {
  const root = mkdtempSync(join(tmpdir(), 'intercom-screenshots-'));
  const socket = `intercom-screenshots-${process.pid}`;
  const tmuxConf = join(root, 'tmux.conf');
  writeFileSync(tmuxConf, 'set -g focus-events on\nset -g status off\n');
  const tmux = (...a: string[]) => Bun.spawnSync(['tmux', '-u', '-L', socket, '-f', tmuxConf, ...a], { stdout: 'pipe', stderr: 'pipe' });
  let apiCode: string | undefined;
  const mock = startMockAnthropic({ reply: demoModel(() => apiCode) });
  let dashboard: Bun.Subprocess<'ignore', 'pipe', 'pipe'> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  try {
    const box = await sandboxFor(root, mock);
    const screen = (pane: string) => tmux('capture-pane', '-p', '-t', `${pane}:0.0`).stdout.toString();
    /** Whether the pane shows `text`, wherever Claude Code wrapped its lines. */
    const shows = (pane: string, text: string) => screen(pane).replace(/\s+/g, ' ').includes(text);
    // An empty input box, and no "esc to interrupt" in the footer: the turn and its Stop hook are done.
    const atPrompt = (pane: string) => /^❯\s*$/m.test(screen(pane)) && !screen(pane).includes('esc to interrupt');
    const type = async (pane: string, text: string) => {
      tmux('send-keys', '-t', `${pane}:0.0`, '-l', text);
      await until(() => shows(pane, text), `the prompt typed into the ${pane} pane`);
      tmux('send-keys', '-t', `${pane}:0.0`, 'Enter');
    };
    const agents = async () => {
      const who = await runIntercom(['who', '--json'], { env: box.env });
      return (JSON.parse(who.stdout) as { agents: { code: string; project: string; activity: string }[] }).agents;
    };

    log('starting two Claude Code sessions in tmux');
    for (const [name, cwd] of [
      ['api', box.project],
      ['webapp', box.webapp],
    ] as const) {
      if (claudeInTmux(tmux, { ...box, project: cwd }, { name, ...PANE, args: CLAUDE_FLAGS }) !== 0)
        throw new Error(`tmux could not start ${name}`);
    }
    await until(() => atPrompt('api') && atPrompt('webapp'), 'both Claude Code prompts', SLOW);
    // Claude Code takes a prompt before its MCP servers are connected, and a prompt typed that early
    // reaches a model without intercom's tools. Its MCP log says when a connected server reached the
    // session (2.1.330 logs "Channel notifications …" then); a person just waits a second.
    await until(() => mcpLogsSaying(root, 'Channel notifications') === 2, "both sessions' MCP connection to intercom", SLOW);
    const registered = await until(
      async () => {
        const live = await agents();
        return live.length === 2 && live;
      },
      'both sessions to register as intercom agents',
      SLOW,
    );
    apiCode = registered.find((a) => a.project === 'api')!.code;

    log('api: the person asks it to wait for word from webapp');
    await type('api', PROMPTS.api);
    await until(() => shows('api', 'intercom wakes me') && atPrompt('api'), 'the api turn to end', SLOW);
    await until(async () => (await agents()).find((a) => a.code === apiCode)?.activity === 'idle', 'the api session to be idle', SLOW);

    log(`webapp: the person asks it to tell the api session (${apiCode})`);
    await type('webapp', PROMPTS.webapp);
    await until(() => shows('api', WOKEN_ANSWER_END) && atPrompt('api'), 'the api session to be woken and answer', SLOW);
    await until(() => shows('webapp', SENT_ANSWER_END) && atPrompt('webapp'), 'the webapp turn to end', SLOW);

    const capture = (pane: string) => trimPane(tmux('capture-pane', '-e', '-p', '-S', '-', '-t', `${pane}:0.0`).stdout.toString());
    const panes = { webapp: capture('webapp'), api: capture('api') };
    mkdirSync(args.out, { recursive: true });
    browser = await launchBrowser();
    const files: Made['files'] = [];
    const shoot = async (name: string, take: (path: string) => Promise<unknown>) => {
      const path = join(args.out, name);
      await take(path);
      files.push({ path, bytes: statSync(path).size });
    };

    log('photographing the panes');
    const terminal = await browser.context.newPage();
    await terminal.setViewportSize({ width: 800, height: 600 });
    await terminal.setContent(
      terminalPage([
        { title: 'claude in ~/webapp · you ask it to tell the api session', ansi: panes.webapp },
        { title: `claude in ~/api · intercom agent ${apiCode} · idle until the message woke it`, ansi: panes.api },
      ]),
    );
    await shoot('wake.png', (path) => terminal.screenshot({ path, fullPage: true }));

    log('photographing intercom dashboard');
    dashboard = Bun.spawn([BUN, ENTRY, 'dashboard'], { env: box.env, stdin: 'ignore', stdout: 'pipe', stderr: 'pipe' });
    const url = await firstLine(dashboard.stdout);
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1000, height: 200 }); // fullPage: as tall as the page is
    await page.goto(url);
    await page.locator('#conn[data-state="live"]').waitFor({ timeout: 15_000 });
    await page.locator('#messages li', { hasText: MESSAGE }).waitFor({ timeout: 15_000 });
    await page.locator(`#agents tr[data-code="${apiCode}"]`).waitFor({ timeout: 15_000 });
    await shoot('dashboard.png', (path) => page.screenshot({ path, fullPage: true }));
    // What the picture shows of the agents and the messages, for --json (a page's scripts are no part of it).
    const dashboardText = (await Promise.all(['#agents', '#messages'].map((part) => page.locator(part).textContent()))).join('\n');
    return { files, panes: { api: plainText(panes.api), webapp: plainText(panes.webapp) }, dashboard: dashboardText };
  } catch (error) {
    // What the panes showed when it went wrong says more than any timeout.
    for (const pane of ['api', 'webapp']) {
      const shown = tmux('capture-pane', '-p', '-t', `${pane}:0.0`).stdout.toString().trimEnd();
      if (shown) log(`the ${pane} pane:\n${shown}`);
    }
    for (const file of mcpLogs(root)) log(`Claude Code's MCP log ${file}:\n${readFileSync(join(root, file), 'utf8').trimEnd()}`);
    throw error;
  } finally {
    await browser?.close();
    dashboard?.kill('SIGINT');
    await dashboard?.exited;
    // Claude Code writes its logs under HOME (= root) while it exits: wait for the panes' processes
    // before removing the folder, and take tmux's socket file along (kill-server leaves it).
    const panePids = tmux('list-panes', '-a', '-F', '#{pane_pid}').stdout.toString().split('\n').filter(Boolean).map(Number);
    const socketPath = tmux('display-message', '-p', '#{socket_path}').stdout.toString().trim();
    tmux('kill-server');
    await Promise.all(panePids.map((pid) => exited(pid, 10_000).catch(() => log(`pid ${pid} still running`))));
    if (socketPath) rmSync(socketPath, { force: true });
    mock.close();
    if (args.keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

/** How many of Claude Code's MCP logs for intercom (under $HOME/.cache, HOME being `root`) contain `text`. */
function mcpLogsSaying(root: string, text: string): number {
  return mcpLogs(root).filter((log) => readFileSync(join(root, log), 'utf8').includes(text)).length;
}
const mcpLogs = (root: string) => [
  ...new Bun.Glob('.cache/claude-cli-nodejs/*/mcp-logs-intercom/*.jsonl').scanSync({ cwd: root, dot: true }),
];

/** The first line a process prints (the dashboard prints its URL). */
async function firstLine(stream: ReadableStream<Uint8Array>): Promise<string> {
  let text = '';
  const decoder = new TextDecoder();
  for await (const chunk of stream) {
    text += decoder.decode(chunk, { stream: true });
    if (text.includes('\n')) return text.slice(0, text.indexOf('\n'));
  }
  throw new Error(`intercom dashboard printed no URL (got ${JSON.stringify(text)})`);
}

const missing = missingTools();
if (missing) {
  console.error(`screenshots: cannot run: ${missing}`);
  process.exit(1);
}
args.out = resolve(args.out);
const made = await main().catch((error: Error) => {
  console.error(`screenshots: failed: ${error.message}\n  run with --keep to look at the temp store and config`);
  process.exit(1);
});
for (const file of made.files) log(`wrote ${file.path} (${Math.round(file.bytes / 1024)} KB)`);
if (args.json) console.log(JSON.stringify(made));
