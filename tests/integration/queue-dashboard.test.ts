// The queue dashboard (bull-board) shows the queues and changes nothing: retries belong to the
// needs-attention list. Called as the route handler calls it once the caller is signed in as ops
// staff, so what is refused here is refused to ops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_DASHBOARD_PATH, queueDashboard } from '../../lib/switches/queue-dashboard';
import { opsQueues, opsRedis } from '../../lib/switches/queues';
import { type Shop, openShop } from '../support/shop';

let shop: Shop;

beforeAll(async () => {
  shop = await openShop('dashboard');
});

afterAll(async () => {
  opsRedis().disconnect();
  await shop?.close();
});

const call = (method: string, path: string) =>
  queueDashboard().fetch(new Request(`http://127.0.0.1${QUEUE_DASHBOARD_PATH}${path}`, { method }));

describe('the queue dashboard is read-only, even for ops staff', () => {
  it('shows every queue, marked read-only', async () => {
    const response = await call('GET', '/api/queues');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { queues: { name: string; readOnlyMode: boolean; allowRetries: boolean }[] };
    expect(body.queues.length).toBe(opsQueues().size);
    for (const queue of body.queues) expect(queue).toMatchObject({ readOnlyMode: true, allowRetries: false });
  });

  it('refuses to retry, clean, empty, pause or add, and the queue is left as it was', async () => {
    const payments = opsQueues().get('payments')!;
    const job = await payments.add('probe', { orderId: 'not-a-real-order' }, { jobId: 'dashboard-probe' });
    const attempts: [string, string][] = [
      ['PUT', `/api/queues/payments/${job.id}/retry/failed`],
      ['PUT', '/api/queues/payments/retry/failed'],
      ['PUT', '/api/queues/payments/clean/completed'],
      ['PUT', `/api/queues/payments/${job.id}/clean`],
      ['PUT', '/api/queues/payments/empty'],
      ['PUT', '/api/queues/payments/pause'],
      ['PUT', '/api/queues/pause'],
      ['PUT', '/api/queues/payments/obliterate'],
      ['POST', '/api/queues/payments/add'],
      ['PATCH', `/api/queues/payments/${job.id}/update-data`],
      ['DELETE', '/api/queues/payments'],
    ];
    for (const [method, path] of attempts) {
      const response = await call(method, path);
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(await response.json()).toMatchObject({ error: { code: 'QUEUES.READ_ONLY' } });
    }
    expect(await payments.isPaused()).toBe(false);
    expect(await payments.getJobState(job.id!)).toBe('waiting');
    await job.remove();
  });
});
