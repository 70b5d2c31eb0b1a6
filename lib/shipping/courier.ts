// The port to the courier, which is outside the product. Dispatch is keyed: asking twice with one
// key books one parcel. Where a parcel has got to is asked for, not pushed.
import type { ShippingAddress } from '../domain/bookstore/address';

export interface Parcel {
  carrier: string;
  trackingNumber: string;
}

export type Tracking = { status: 'in_transit' } | { status: 'delivered'; deliveredAt: Date } | { status: 'unknown' };

export interface Courier {
  dispatch(request: { idempotencyKey: string; address: ShippingAddress }): Promise<Parcel>;
  track(trackingNumber: string): Promise<Tracking>;
}

/** The courier is not taking bookings right now (an outage). Nothing was booked; ask again later. */
export class CourierUnavailable extends Error {
  override name = 'CourierUnavailable';
  constructor(readonly idempotencyKey: string) {
    super(`the courier is not taking bookings right now (booking ${idempotencyKey}); try again later`);
  }
}

export function shipmentKeyFor(lineId: string): string {
  return `shipment-${lineId}`;
}
