// Compensations: what the shop does when a step behind the counter gives up for good and the
// promise made to the customer cannot be kept. Each undoes the promise with an ordinary command
// on the customer's aggregate, whose events then set the other steps going (refund, bin the
// drink). Run by the worker when a step's policy says so (lib/queue/policies.ts), or by a person
// from the needs-attention list. Idempotent: run twice, they act once (the second run finds the
// order already cancelled, and the refund is keyed by the charge).
import { orders } from '../db/orders';
import { type CannotMake, cancelUnmakeable } from '../domain/ordering/order';
import type { Origin } from '../outbox/append';
import { changeAggregate } from '../outbox/change-aggregate';
import { transact } from '../outbox/unit-of-work';
import type { FailureDescription } from '../queue/errors';
import type { CompensationName } from '../queue/policies';

export interface CompensationTarget {
  orderId: string;
  /** Why the step gave up: decides what the customer is told. */
  failure: Pick<FailureDescription, 'code'>;
}

/** True if this run changed something; false if it had already been done. */
type Compensation = (target: CompensationTarget, origin: Origin) => Promise<boolean>;

/** What the customer is told when their drink cannot be made, by the step's failure code. */
const CANNOT_MAKE: Record<string, string> = {
  OUT_OF_OAT_MILK: 'We ran out of oat milk',
  OUT_OF_MILK: 'We ran out of milk',
  // The brewing step gives up after its attempts, each of which spilt the drink.
  SPILLED: 'Your drink was spilt every time we made it',
};
const COULD_NOT_MAKE = 'We could not make your drink';

export function cannotMakeFor(code: string): CannotMake {
  return { code, message: CANNOT_MAKE[code] ?? COULD_NOT_MAKE };
}

// OrderCancelled: the barista bins the drink, the cashier refunds whatever was charged. A missing
// order is a StepRefused: the caller asks a person instead.
const cancelAndRefund: Compensation = (target, origin) =>
  transact(async (uow) => {
    const { changed } = await changeAggregate(uow, orders, target.orderId, origin, (order, ctx) =>
      cancelUnmakeable(order, cannotMakeFor(target.failure.code), ctx),
    );
    return changed;
  });

const COMPENSATIONS: Record<CompensationName, Compensation> = {
  'cancel-and-refund': cancelAndRefund,
};

export function runCompensation(name: CompensationName, target: CompensationTarget, origin: Origin): Promise<boolean> {
  return COMPENSATIONS[name](target, origin);
}
