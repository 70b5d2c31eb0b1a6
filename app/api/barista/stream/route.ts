// GET /api/barista/stream — the barista board's live feed: the whole board on open, then again
// after ticket changes (at most every 100 ms, however busy the shop is).
import { requireStaffForRoute } from '@/lib/auth/staff';
import { failure } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { onAnyChange } from '@/lib/live/hub';
import { getBoard } from '@/lib/queries/barista-board';
import { STATION_MODE_CHANGED } from '@/lib/commands/barista/set-station-mode';
import { TICKET_EVENT_TYPES } from '@/lib/domain/coffee/ticket';

export const dynamic = 'force-dynamic';

// Every ticket event, the payment news reaching a ticket, and a station changing hands.
const TICKET_CHANGES = new Set<string>([...TICKET_EVENT_TYPES, 'TicketPaid', 'TicketHandedToMachine', STATION_MODE_CHANGED]);
const MIN_INTERVAL_MS = 100;

export async function GET(request: Request) {
  try {
    const staff = await requireStaffForRoute('barista');
    if (!staff.ok) return staff.response;
    const first = await getBoard();
    return sseResponse(request.signal, (sink) => {
      sink.send('board', first);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const unsubscribe = onAnyChange((message) => {
        if (timer || !message.types.some((t) => TICKET_CHANGES.has(t))) return;
        timer = setTimeout(async () => {
          timer = undefined;
          try {
            sink.send('board', await getBoard());
          } catch {
            // next change or the client's own refetch will catch up
          }
        }, MIN_INTERVAL_MS);
      });
      return () => {
        clearTimeout(timer);
        unsubscribe();
      };
    });
  } catch (caught) {
    return failure(caught);
  }
}
