import { failure, json } from '@/lib/http/respond';
import { getMenu } from '@/lib/queries/menu';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return json(200, await getMenu());
  } catch (caught) {
    return failure(caught);
  }
}
