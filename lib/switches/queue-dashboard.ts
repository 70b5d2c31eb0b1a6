// The queue dashboard (bull-board) for ops staff, served by the web process under
// QUEUE_DASHBOARD_PATH through a Next.js catch-all route handler: a Hono app built once per
// process over the same Queue objects as the ops page, with this shop's queue prefix.
//
// Read-only. Retrying, cleaning, pausing or emptying a queue from here would act behind the
// shop's back: a retried job bypasses the step's policy and the needs-attention list, which is
// where a person decides what to retry (and pausing has its own switch on /ops/failures). So every
// queue is in bull-board's readOnlyMode (its page offers no such buttons), and, in case a future
// bull-board route forgets to check that, anything but GET/HEAD is refused before bull-board sees it.
//
// Two changes to what bull-board serves: its page asks Google Fonts for a typeface, which would
// leak staff visits to a third party and needs a CSP exception, so that link is dropped (the UI
// falls back to system fonts); and its hashed static files may be cached for long.
import path from 'node:path';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { QUEUE_PURPOSES, opsQueues } from './queues';
import { statusOf } from '../http/status';

export const QUEUE_DASHBOARD_PATH = '/ops/queues';

type Dashboard = { fetch(request: Request): Promise<Response> };
const holder = globalThis as unknown as { __queueDashboard?: Dashboard };

/** Where @bull-board/ui's built page and static files are (resolved from the project root). */
function uiBasePath(): string {
  return path.join(process.cwd(), 'node_modules', '@bull-board', 'ui');
}

function build(): Dashboard {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [...opsQueues()].map(
      ([name, queue]) => new BullMQAdapter(queue, { description: QUEUE_PURPOSES[name], readOnlyMode: true, allowRetries: false }),
    ),
    serverAdapter,
    options: {
      uiBasePath: uiBasePath(),
      uiConfig: {
        boardTitle: 'Counter & Shelf',
        miscLinks: [
          { text: 'Failure switches', url: '/ops/failures' },
          { text: 'Needs attention', url: '/ops/attention' },
        ],
        hideDocsLink: true,
      },
    },
  });
  const app = new Hono().route(QUEUE_DASHBOARD_PATH, serverAdapter.registerPlugin());
  return {
    async fetch(request) {
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        return Response.json(
          { error: { code: 'QUEUES.READ_ONLY', message: 'The queue dashboard is read-only. Retry a failed step from Needs attention.' } },
          { status: statusOf('QUEUES.READ_ONLY'), headers: { Allow: 'GET, HEAD', 'Cache-Control': 'no-store' } },
        );
      }
      const response = await app.fetch(request);
      const type = response.headers.get('content-type') ?? '';
      if (type.startsWith('text/html')) {
        const html = (await response.text()).replace(/<link[^>]*fonts\.googleapis\.com[^>]*>/g, '');
        const headers = new Headers(response.headers);
        headers.delete('content-length');
        headers.set('Cache-Control', 'no-store');
        return new Response(html, { status: response.status, headers });
      }
      if (response.ok && new URL(request.url).pathname.startsWith(`${QUEUE_DASHBOARD_PATH}/static/`)) {
        const headers = new Headers(response.headers);
        headers.set('Cache-Control', 'private, max-age=86400');
        return new Response(response.body, { status: response.status, headers });
      }
      return response;
    },
  };
}

export function queueDashboard(): Dashboard {
  holder.__queueDashboard ??= build();
  return holder.__queueDashboard;
}
