// GET /api/inbox — the e-mails the shop sent the caller, newest first.
import { currentCustomerId } from '@/lib/http/customer';
import { customerMissing } from '@/lib/http/idempotency-key';
import { failure, json } from '@/lib/http/respond';
import { listInbox } from '@/lib/queries/inbox';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    const customerId = await currentCustomerId();
    if (!customerId) return customerMissing();
    return json(200, { mails: await listInbox(customerId) });
  } catch (caught) {
    return failure(caught);
  }
}
