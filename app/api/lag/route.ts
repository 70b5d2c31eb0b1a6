// GET /api/lag — how long each step behind the counter usually takes in this shop lately: per
// step, p50/p95/p99 from the causing event's commit to the handler's commit, its queue's depth and
// service rate, and an estimate by Little's law. Public, like the order pages that read it: only
// aggregates, nothing about any order or customer. The staff view with each stage is /api/ops/lag.
import { failure, json } from '@/lib/http/respond';
import { getStepLag } from '@/lib/queries/lag';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return json(200, await getStepLag());
  } catch (caught) {
    return failure(caught);
  }
}
