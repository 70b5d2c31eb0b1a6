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

export function shipmentKeyFor(lineId: string): string {
  return `shipment-${lineId}`;
}
