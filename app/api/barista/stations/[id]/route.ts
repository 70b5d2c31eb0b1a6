// PUT /api/barista/stations/{id} — body `{ "mode": "auto" | "manual" }`: who makes the station's
// drinks. 200 with the station; switching to automatic hands the machine what waits there.
import { z } from 'zod';
import { requireStaffForRoute } from '@/lib/auth/staff';
import { setStationMode } from '@/lib/commands/barista/set-station-mode';
import { answer } from '@/lib/http/answer';
import { error, failure, fieldsOf, notFound, readJson } from '@/lib/http/respond';

export const dynamic = 'force-dynamic';

const Body = z.object({ mode: z.enum(['auto', 'manual']) });

export async function PUT(request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const staff = await requireStaffForRoute('barista');
    if (!staff.ok) return staff.response;
    const station = Number((await params).id);
    if (!Number.isInteger(station)) return notFound();
    const body = await readJson(request);
    if (!body.ok) return body.response;
    const parsed = Body.safeParse(body.value);
    if (!parsed.success) return error('VALIDATION', 'Say "auto" or "manual".', fieldsOf(parsed.error.issues));

    return answer(await setStationMode({ station, mode: parsed.data.mode }), 200, { body: (station) => ({ station }) });
  } catch (caught) {
    return failure(caught);
  }
}
