import { failure, json } from '@/lib/http/respond';
import { getBoard } from '@/lib/queries/barista-board';

export const dynamic = 'force-dynamic';

export async function GET() {
  try {
    return json(200, { board: await getBoard() });
  } catch (caught) {
    return failure(caught);
  }
}
