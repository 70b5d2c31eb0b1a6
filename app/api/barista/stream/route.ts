// GET /api/barista/stream — the barista board's live feed: the whole board on open, then again
// after ticket changes (at most every 100 ms, however busy the shop is, and loaded once for all
// the boards open in this process).
import { requireStaffForRoute } from '@/lib/auth/staff';
import { failure } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { followShopView } from '@/lib/live/view-feed';
import { getBoard } from '@/lib/queries/barista-board';
import { STATION_MODE_CHANGED } from '@/lib/commands/barista/set-station-mode';
import { TICKET_EVENT_TYPES } from '@/lib/domain/coffee/ticket';

export const dynamic = 'force-dynamic';

// Every ticket event, the payment news reaching a ticket, and a station changing hands.
const TICKET_CHANGES = new Set<string>([...TICKET_EVENT_TYPES, 'TicketHandedToMachine', STATION_MODE_CHANGED]);
const MIN_INTERVAL_MS = 100;

export async function GET(request: Request) {
  try {
    const staff = await requireStaffForRoute('barista');
    if (!staff.ok) return staff.response;
    const first = await getBoard();
    return sseResponse(request.signal, (sink) => {
      sink.send('board', first);
      // One board load per burst of changes for every open board in this process (lib/live/view-feed.ts).
      return followShopView(
        'barista-board',
        (message) => message.types.some((t) => TICKET_CHANGES.has(t)),
        MIN_INTERVAL_MS,
        getBoard,
        (board) => sink.send('board', board),
      );
    });
  } catch (caught) {
    return failure(caught);
  }
}
