import { checkHealth } from '@/lib/queries/health';
import { json } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

export async function GET() {
  const health = await checkHealth();
  return json(health.db === 'ok' && health.redis === 'ok' ? 200 : 503, health);
}
