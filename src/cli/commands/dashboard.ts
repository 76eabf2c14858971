import { defineCommand, option } from '../command.ts';
import { describeError } from '../../core/errors.ts';
import { startFeed } from '../dashboard/feed.ts';
import { DASHBOARD_HOST, startDashboardServer } from '../dashboard/server.ts';
import { createEventHub } from '../dashboard/sse.ts';
import { newToken } from '../dashboard/token.ts';

/** A TCP port; 0 (the option's absence) lets the system pick a free one. */
const PORT = { min: 0, max: 65535, whole: true } as const;

export const dashboardCommand = defineCommand({
  name: 'dashboard',
  summary: 'a live web page of agents and messages, with a box to send as human (Ctrl-C to stop)',
  usage:
    'intercom dashboard [--port N] [--no-open]\n' +
    `  --port N    listen on ${DASHBOARD_HOST}:N (default: a free port)\n` +
    '  --no-open   the default already: the URL is printed on stdout, no browser is started\n' +
    'The URL carries a secret token: anyone with it can read every message and send as you.',
  options: { port: option.number(PORT, 0), 'no-open': option.flag() },
  maxPositionals: 0,
  async run({ values }, deps) {
    const { port } = values;
    const store = await deps.store();
    const logError = (error: unknown) =>
      deps.io.err(`intercom dashboard: ${deps.config.debug && error instanceof Error ? error.stack : describeError(error, 'human')}`);
    const hub = createEventHub();
    const feed = await startFeed(store, hub, { now: deps.now, onError: logError });
    let server;
    try {
      server = startDashboardServer({ port, token: newToken(), store, feed, hub, onUnexpected: logError });
    } catch (error) {
      feed.close();
      hub.close();
      throw error;
    }
    deps.io.out(server.url);
    deps.io.err(`dashboard of ${store.layout.root}: open the URL above (it holds the access token; share it with no one). Ctrl-C to stop`);
    await deps.interrupted;
    feed.close();
    hub.close();
    await server.stop();
    return 0;
  },
});
