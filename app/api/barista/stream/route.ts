// GET /api/barista/stream — the barista board's live feed: the whole board on open, then again
// after ticket changes (at most every 100 ms, however busy the shop is).
import { failure } from '@/lib/http/respond';
import { sseResponse } from '@/lib/http/sse';
import { onAnyChange } from '@/lib/live/hub';
import { getBoard } from '@/lib/queries/barista-board';

export const dynamic = 'force-dynamic';

const TICKET_CHANGES = new Set(['TicketOpened', 'TicketPaid', 'DrinkStarted', 'DrinkReady', 'DrinkHandedOver', 'TicketDiscarded', 'DrinkTossed']);
const MIN_INTERVAL_MS = 100;

export async function GET(request: Request) {
  try {
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
