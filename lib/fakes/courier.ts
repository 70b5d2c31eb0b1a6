// A stand-in for a courier, outside the product. Like a real one it takes a moment to book a
// collection, books one parcel per idempotency key, and delivers some time later; the shop finds
// out by asking (tracking), as it would with a courier that offers no webhooks. Its records are a
// table of its own. Timings: COURIER_LATENCY_MS to book, COURIER_DELIVERY_MS to the door.
//
// It obeys the courier.outage failure switch (lib/switches): during an outage every booking is
// refused with CourierUnavailable after the usual wait, and nothing is booked; parcels already on
// their way are still tracked and delivered.
import { randomInt } from 'node:crypto';
import { config } from '../config';
import { db } from '../db/client';
import { type Courier, CourierUnavailable } from '../shipping/courier';
import { currentSwitches } from '../switches/store';

const CARRIERS = [
  { name: 'Swift Parcel', prefix: 'SP' },
  { name: 'Northline Couriers', prefix: 'NL' },
] as const;

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

export const fakeCourier: Courier = {
  async dispatch({ idempotencyKey, address }) {
    const { COURIER_LATENCY_MS, COURIER_DELIVERY_MS } = config();
    await sleep(COURIER_LATENCY_MS);
    if ((await currentSwitches()).courier.outage) throw new CourierUnavailable(idempotencyKey);
    const carrier = CARRIERS[randomInt(CARRIERS.length)] ?? CARRIERS[0];
    const now = new Date();
    await db().courierShipment.createMany({
      data: [
        {
          trackingNumber: `${carrier.prefix}${String(randomInt(10 ** 9)).padStart(9, '0')}GB`,
          idempotencyKey,
          carrier: carrier.name,
          address: { ...address },
          dispatchedAt: now,
          deliverAt: new Date(now.getTime() + COURIER_DELIVERY_MS),
        },
      ],
      skipDuplicates: true,
    });
    const parcel = await db().courierShipment.findUniqueOrThrow({ where: { idempotencyKey } });
    return { carrier: parcel.carrier, trackingNumber: parcel.trackingNumber };
  },

  async track(trackingNumber) {
    const parcel = await db().courierShipment.findUnique({ where: { trackingNumber } });
    if (!parcel) return { status: 'unknown' };
    return parcel.deliverAt <= new Date() ? { status: 'delivered', deliveredAt: parcel.deliverAt } : { status: 'in_transit' };
  },
};
