// A station is switched between the machine (automatic) and a barista's hands (manual): one
// transaction on the station row plus, when the machine takes over, one TicketHandedToMachine
// outbox row per drink still waiting there — the brewing worker makes those as it makes new
// tickets. The tickets themselves are not written. A barista's press racing the switch either
// lands first (and the machine then finishes the drink they started) or waits for the switch and
// is refused as STATION.AUTOMATIC (ticket-step.ts reads the mode under a share lock).
import { config } from '../../config';
import { lockStation, saveStation, waitingAt } from '../../db/stations';
import { type StationMode, changeMode, isStationId } from '../../domain/coffee/station';
import { type Result, fail, ok } from '../../domain/shared/result';
import { announceCommitted, transact } from '../../outbox/unit-of-work';

/** The live channel key board streams listen on for station changes (no order is involved). */
export const STATIONS_LIVE_KEY = 'barista-stations';
export const STATION_MODE_CHANGED = 'StationModeChanged';

export type ModeAnswer = Result<{ station: number; mode: StationMode; handedToMachine: number }, 'STATION.UNKNOWN'>;

export async function setStationMode(input: { station: number; mode: StationMode }): Promise<ModeAnswer> {
  const count = config().BARISTA_STATIONS;
  if (!isStationId(input.station, count)) {
    return fail('STATION.UNKNOWN', `There are stations 1 to ${count}.`);
  }
  let changed = false as boolean;
  const answer = await transact(async ({ tx, ctx, emit }) => {
    // Lock first, then look: a brewing job deciding at this moment either sees the new mode or
    // left its ticket waiting where this transaction's next statement finds it.
    const current = await lockStation(tx, input.station);
    const waiting = input.mode === 'auto' && current.mode !== 'auto' ? await waitingAt(tx, input.station) : [];
    const change = changeMode(current, input.mode, waiting, ctx);
    if (change.changed) {
      await saveStation(tx, change.station, ctx.now);
      await emit(change.events, { mode: 'async', actor: 'barista' });
    }
    changed = change.changed;
    return ok({ station: input.station, mode: input.mode, handedToMachine: change.events.length });
  });
  // No order's story, so no event: the boards hear of the switch from this announcement.
  if (changed) await announceCommitted([{ orderId: STATIONS_LIVE_KEY, type: STATION_MODE_CHANGED }]);
  return answer;
}
