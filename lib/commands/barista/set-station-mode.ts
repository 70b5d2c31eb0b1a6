// A station is switched between the machine (automatic) and a barista's hands (manual): one
// transaction on the station row plus, when the machine takes over, one TicketHandedToMachine
// outbox row per drink still waiting there — the brewing worker makes those as it makes new
// tickets. The tickets themselves are not written. A barista's press racing the switch either
// lands first (and the machine then finishes the drink they started) or waits for the switch and
// is refused as STATION.AUTOMATIC (ticket-step.ts reads the mode under a share lock).
import { config } from '../../config';
import { lockStation, saveStation, waitingAt } from '../../db/stations';
import { type StationMode, changeMode, isStationId } from '../../domain/coffee/station';
import type { DomainError } from '../../domain/shared/result';
import { transact } from '../../outbox/unit-of-work';

/** The live channel key board streams listen on for station changes (no order is involved). */
export const STATIONS_LIVE_KEY = 'barista-stations';
export const STATION_MODE_CHANGED = 'StationModeChanged';

export type ModeAnswer =
  | { ok: true; data: { station: number; mode: StationMode; handedToMachine: number } }
  | { ok: false; error: DomainError };

export async function setStationMode(input: { station: number; mode: StationMode }): Promise<ModeAnswer> {
  const count = config().BARISTA_STATIONS;
  if (!isStationId(input.station, count)) {
    return { ok: false, error: { code: 'STATION.UNKNOWN', message: `There are stations 1 to ${count}.` } };
  }
  return transact(async ({ tx, ctx, emit, touch }) => {
    // Lock first, then look: a brewing job deciding at this moment either sees the new mode or
    // left its ticket waiting where this transaction's next statement finds it.
    const current = await lockStation(tx, input.station);
    const waiting = input.mode === 'auto' && current.mode !== 'auto' ? await waitingAt(tx, input.station) : [];
    const change = changeMode(current, input.mode, waiting, ctx);
    if (change.changed) {
      await saveStation(tx, change.station, ctx.now);
      await emit(change.events, { mode: 'async', actor: 'barista' });
      touch(STATIONS_LIVE_KEY, STATION_MODE_CHANGED);
    }
    return { ok: true, data: { station: input.station, mode: input.mode, handedToMachine: change.events.length } };
  });
}
