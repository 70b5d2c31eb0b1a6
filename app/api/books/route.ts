// GET /api/books?query=&page= — the catalogue, searched by title or author, a page at a time.
import { failure, json } from '@/lib/http/respond';
import { listBooks } from '@/lib/queries/catalogue';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  try {
    const params = new URL(request.url).searchParams;
    return json(200, await listBooks(params.get('query') ?? '', Number(params.get('page') ?? 1)));
  } catch (caught) {
    return failure(caught);
  }
}
