// The dashboard's HTTP server: 127.0.0.1 only, and every route behind the token. Anything else,
// including a wrong or missing token, is a bare 404, so a probe learns nothing.
import { IntercomError, hasErrno } from '../../core/errors.ts';
import type { Intercom } from '../../intercom/index.ts';
import type { Feed } from './feed.ts';
import { dashboardPage } from './page.ts';
import { handleSend } from './send.ts';
import type { EventHub } from './sse.ts';
import { newToken, sameToken } from './token.ts';

/** Loopback only: the page can send as the human, so it must never be reachable from the network. */
export const DASHBOARD_HOST = '127.0.0.1';

export interface DashboardServer {
  /** The page's address, token included: `http://127.0.0.1:<port>/<token>/`. */
  url: string;
  hostname: string;
  port: number;
  stop(): Promise<void>;
}

const notFound = () => new Response('Not Found\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

/** Headers for the page: its inline code runs only with this response's nonce, and the token in the URL never leaves as a referrer. */
function pageHeaders(nonce: string): Record<string, string> {
  return {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': [
      "default-src 'none'",
      `script-src 'nonce-${nonce}'`,
      `style-src 'nonce-${nonce}'`,
      "connect-src 'self'",
      "img-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/** Only our own host names: a DNS-rebound name pointing at 127.0.0.1 is turned away. */
function isOwnHost(host: string | null, port: number): boolean {
  return host === `${DASHBOARD_HOST}:${port}` || host === `localhost:${port}`;
}

export function startDashboardServer(options: {
  port: number;
  token: string;
  store: Intercom;
  feed: Feed;
  hub: EventHub;
  onUnexpected(error: unknown): void;
}): DashboardServer {
  const { token, store, feed, hub } = options;
  let server: ReturnType<typeof Bun.serve>;
  try {
    server = Bun.serve({
      hostname: DASHBOARD_HOST,
      port: options.port,
      async fetch(request, self) {
        const url = new URL(request.url);
        const [, given = '', route, ...rest] = url.pathname.split('/');
        if (!sameToken(given, token) || !isOwnHost(request.headers.get('host'), self.port ?? 0) || rest.length > 0) return notFound();
        if (route === undefined) return new Response(null, { status: 308, headers: { Location: `/${token}/` } }); // "/<token>" without the slash
        const method = request.method;
        if (route === '' && method === 'GET') {
          const nonce = newToken();
          return new Response(dashboardPage(nonce), { headers: pageHeaders(nonce) });
        }
        if (route === 'events' && method === 'GET') {
          self.timeout(request, 0); // an event stream is quiet for long stretches by design
          return hub.connect(feed.snapshot());
        }
        if (route === 'send' && method === 'POST') return handleSend(request, store, options.onUnexpected);
        return notFound();
      },
      error(error) {
        options.onUnexpected(error);
        return new Response('Internal Server Error\n', { status: 500 });
      },
    });
  } catch (error) {
    if (hasErrno(error, 'EADDRINUSE', 'EACCES')) {
      throw new IntercomError(
        'CONFLICT',
        `cannot listen on ${DASHBOARD_HOST}:${options.port} (${error.code}); pick another --port, or leave it out for a free one`,
        { cause: error },
      );
    }
    throw error;
  }
  const port = server.port ?? options.port;
  return {
    url: `http://${DASHBOARD_HOST}:${port}/${token}/`,
    hostname: server.hostname ?? DASHBOARD_HOST,
    port,
    stop: () => server.stop(true),
  };
}
