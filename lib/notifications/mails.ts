// The e-mails the bookstore sends, one per event that a customer should hear about. Pure: the
// notification worker hands in the event and the order request's address; nothing here reads
// the database or a clock.
import { formatMoney } from '../domain/shared/money';
import { orderReference } from '../domain/shared/order-reference';

export interface Mail {
  kind: string;
  subject: string;
  body: string;
}

interface Facts {
  /** The event's data, as the outbox carried it. */
  data: Record<string, unknown>;
  orderId: string;
  recipient: string;
  totalCents: number;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const copies = (n: unknown) => (num(n) === 1 ? '1 copy' : `${num(n)} copies`);

const COMPOSERS: Record<string, (f: Facts) => Mail> = {
  OrderRequested: ({ data, orderId, recipient, totalCents }) => ({
    kind: 'received',
    subject: `We have your order request ${orderReference(orderId)}`,
    body: [
      `Hello ${recipient},`,
      '',
      `Thank you: we received your order request for ${formatMoney(totalCents)}.`,
      `We placed a hold for that amount on your card ending ${str(data.cardLast4)}; nothing has been taken yet.`,
      'Next, our warehouse reserves each book. We take payment for a book only when it ships, and we',
      'write to you when it does. If a book is out of stock we will ask you whether to wait or cancel.',
    ].join('\n'),
  }),
  LineBackordered: ({ data, orderId, recipient }) => ({
    kind: 'backordered',
    subject: `Your action is needed: "${str(data.title)}" is out of stock`,
    body: [
      `Hello ${recipient},`,
      '',
      `We could not reserve ${copies(data.quantity)} of "${str(data.title)}" for order ${orderReference(orderId)}: it is out of stock.`,
      'You can wait for a restock (we send it as soon as copies arrive), or cancel this book and have its',
      `share of the hold released at once. Choose on your order page. If we do not hear from you by`,
      `${new Date(str(data.decideBy)).toUTCString()}, we will cancel it for you.`,
      'The rest of your order carries on either way.',
    ].join('\n'),
  }),
  LineCancelled: ({ data, orderId, recipient }) => ({
    kind: 'cancelled',
    subject: `"${str(data.title)}" was cancelled`,
    body: [
      `Hello ${recipient},`,
      '',
      data.reason === 'no-answer'
        ? `We did not hear from you in time, so we cancelled "${str(data.title)}" on order ${orderReference(orderId)}.`
        : `As you asked, we cancelled "${str(data.title)}" on order ${orderReference(orderId)}.`,
      `Its share of the hold, ${formatMoney(num(data.amountCents))}, is being released; we will confirm when it is.`,
    ].join('\n'),
  }),
  // A released hold is not a refund: nothing was ever taken, so nothing comes back.
  PaymentReleased: ({ data, orderId, recipient }) => ({
    kind: 'released',
    subject: `Hold of ${formatMoney(num(data.amountCents))} released for "${str(data.title)}"`,
    body: [
      `Hello ${recipient},`,
      '',
      `We released ${formatMoney(num(data.amountCents))} from the hold on your card for "${str(data.title)}" (order ${orderReference(orderId)}).`,
      'Nothing was taken for it. Your bank may take a few days to show the hold gone.',
    ].join('\n'),
  }),
  ShipmentDelayed: ({ data, orderId, recipient }) => ({
    kind: 'delayed',
    subject: `Delayed: "${str(data.title)}" has not left yet`,
    body: [
      `Hello ${recipient},`,
      '',
      `The courier could not collect ${copies(data.quantity)} of "${str(data.title)}" from order ${orderReference(orderId)} just now.`,
      'We keep trying, and if it goes on a person at the shop takes it up. Nothing more is taken from your',
      'card for the delay. We will write again the moment it ships.',
    ].join('\n'),
  }),
  LineShipped: ({ data, orderId, recipient }) => ({
    kind: 'shipped',
    subject: `Shipped: "${str(data.title)}"`,
    body: [
      `Hello ${recipient},`,
      '',
      `${copies(data.quantity)} of "${str(data.title)}" from order ${orderReference(orderId)} left our warehouse with ${str(data.carrier)}.`,
      `Tracking number: ${str(data.trackingNumber)}. We took payment for it when it shipped.`,
    ].join('\n'),
  }),
  LineDelivered: ({ data, orderId, recipient }) => ({
    kind: 'delivered',
    subject: `Delivered: "${str(data.title)}"`,
    body: [
      `Hello ${recipient},`,
      '',
      `The courier delivered "${str(data.title)}" from order ${orderReference(orderId)}. Enjoy the book!`,
    ].join('\n'),
  }),
};

/** The e-mail for an event, or null if customers are not written to about it. */
export function composeMail(type: string, facts: Facts): Mail | null {
  return COMPOSERS[type]?.(facts) ?? null;
}

export const MAILED_EVENTS = Object.keys(COMPOSERS);
