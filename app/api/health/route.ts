// GET /api/health. Three answers, so a load balancer and a person can both act on it:
//   200 { status: 'ok' }        everything is up and the back of the shop keeps up;
//   200 { status: 'degraded' }  up and answering, but events wait too long to be consumed (or no
//                               relay or worker has been seen): customers' orders are late, not lost;
//   503 { status: 'down' }      the database or Redis cannot be reached: this process cannot serve.
// Degraded stays 200 on purpose: taking the web server out of rotation would not help the workers
// catch up, and it would turn late orders into refused ones.
import { config } from '@/lib/config';
import { json } from '@/lib/http/respond';
import { consumptionLag } from '@/lib/queries/consumption';
import { checkHealth } from '@/lib/queries/health';

export const dynamic = 'force-dynamic';

const LAG_TIMEOUT_MS = 2_000;

export async function GET() {
  const [health, lag] = await Promise.all([
    checkHealth(),
    Promise.race([
      consumptionLag(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), LAG_TIMEOUT_MS)),
    ]).catch(() => null),
  ]);
  const reasons: string[] = [];
  if (health.db !== 'ok') reasons.push('database unreachable');
  if (health.redis !== 'ok') reasons.push('Redis unreachable');
  const down = reasons.length > 0;
  if (health.relay === 'missing') reasons.push('no relay seen');
  if (health.workers === 'missing') reasons.push('no worker process seen');
  const lagMs = config().HEALTH_LAG_MS;
  if (lag?.oldestUnconsumedMs != null && lag.oldestUnconsumedMs > lagMs) {
    reasons.push(`events wait longer than ${Math.round(lagMs / 1000)} s to be consumed`);
  }
  const status = down ? 'down' : reasons.length > 0 ? 'degraded' : 'ok';
  return json(down ? 503 : 200, {
    status,
    ...health,
    unconsumed: lag?.unconsumed ?? null,
    oldestUnconsumedMs: lag?.oldestUnconsumedMs ?? null,
    reasons,
  });
}
