// The composition root for what lies outside the product: the card network and the courier.
// Everything else asks this module for them (cardNetwork(), courier()) and sees only the ports
// in lib/payments/card-network.ts and lib/shipping/courier.ts, so swapping a vendor is a change
// here and a new adapter beside the fakes, nothing more. An import rule (.dependency-cruiser.cjs,
// 'fakes-only-through-the-root') keeps it that way.
//
// Today only the fakes exist: CARD_NETWORK and COURIER accept 'fake' alone, and config() refuses
// anything else at start-up rather than quietly running against a pretend bank.
import { type Config, config } from './config';
import { fakeCardNetwork } from './fakes/card-network';
import { fakeCourier } from './fakes/courier';
import type { CardNetwork } from './payments/card-network';
import type { Courier } from './shipping/courier';

const CARD_NETWORKS: Record<Config['CARD_NETWORK'], CardNetwork> = { fake: fakeCardNetwork };
const COURIERS: Record<Config['COURIER'], Courier> = { fake: fakeCourier };

/** The card network this process was configured with (CARD_NETWORK). */
export function cardNetwork(): CardNetwork {
  return CARD_NETWORKS[config().CARD_NETWORK];
}

/** The courier this process was configured with (COURIER). */
export function courier(): Courier {
  return COURIERS[config().COURIER];
}
