// POST /api/barista/tickets/{id}/{start|ready|toss|hand-over} — a barista's press, as an HTTP
// endpoint: body `{ "version": n }`, the ticket version the caller was looking at. 200 with the
// ticket as it is now; 409 TICKET.CHANGED when it moved on meanwhile (nothing written), 409 for a
// step that does not fit the ticket or its station, 404 for an unknown ticket.
import { z } from 'zod';
import { requireStaffForRoute } from '@/lib/auth/staff';
import { handOverDrink } from '@/lib/commands/hand-over-drink';
import { markDrinkReady } from '@/lib/commands/barista/mark-drink-ready';
import { startDrink } from '@/lib/commands/barista/start-drink';
import type { StepAnswer, TicketPress } from '@/lib/commands/barista/ticket-step';
import { tossRuinedDrink } from '@/lib/commands/barista/toss-ruined-drink';
import { refusal } from '@/lib/http/answer';
import { error, failure, fieldsOf, json, notFound, readJson } from '@/lib/http/respond';
import { getBoardTicket } from '@/lib/queries/barista-board';
import { isUuid } from '@/lib/queries/ids';

export const dynamic = 'force-dynamic';

const STEPS: Record<string, (press: TicketPress) => Promise<StepAnswer>> = {
  start: startDrink,
  ready: markDrinkReady,
  toss: tossRuinedDrink,
  'hand-over': (press) => handOverDrink(press.ticketId, press),
};

const Body = z.object({ version: z.number().int().positive() });

export async function POST(request: Request, { params }: { params: Promise<{ id: string; step: string }> }) {
  try {
    const staff = await requireStaffForRoute('barista');
    if (!staff.ok) return staff.response;
    const { id, step } = await params;
    const command = STEPS[step];
    if (!command || !isUuid(id)) return notFound();
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = Body.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Send the ticket version you saw.', fieldsOf(parsed.error.issues));

    const result = await command({ ticketId: id, seenVersion: parsed.data.version, by: staff.staff.name });
    if (!result.ok) return refusal(result);
    return json(200, { ticket: await getBoardTicket(id) });
  } catch (caught) {
    return failure(caught);
  }
}
