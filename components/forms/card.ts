// The card both shops take at the step the customer waits for: what has been typed, the inputs in
// screen order, the obvious mistakes and the shape the server parses. Error keys are the server's
// field paths ('card.cvc'), so both shops answer card mistakes the same way. No React here.
import type { FieldErrors } from './field-errors';

export interface CardDraft {
  number: string;
  expMonth: string;
  expYear: string;
  cvc: string;
}

/** The card inputs, in screen order; `key` is the field path errors come back under. */
export const CARD_FIELDS = [
  { name: 'number', key: 'card.number', label: 'Card number' },
  { name: 'expMonth', key: 'card.expMonth', label: 'Expiry month' },
  { name: 'expYear', key: 'card.expYear', label: 'Expiry year' },
  { name: 'cvc', key: 'card.cvc', label: 'CVC' },
] as const satisfies readonly { name: keyof CardDraft; key: `card.${keyof CardDraft}`; label: string }[];

export type CardField = (typeof CARD_FIELDS)[number];

const REQUIRED: Record<keyof CardDraft, string> = {
  number: 'Enter the card number.',
  expMonth: 'Enter the expiry month.',
  expYear: 'Enter the expiry year.',
  cvc: 'Enter the security code.',
};

/** The DOM id of the input for an error key, so an error summary can link to it. */
export const inputId = (formId: string, key: string) => `${formId}-${key.replace('.', '-')}`;

export function newCardDraft(): CardDraft {
  return {
    number: '',
    // A valid date a few years ahead, so a demo only needs a card number and a CVC.
    expMonth: '12',
    expYear: String(new Date().getFullYear() + 3),
    cvc: '',
  };
}

/** Card inputs left empty; the server checks the rest (the number, the date). */
export function validateCard(card: CardDraft): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of CARD_FIELDS) {
    if (card[field.name].trim() === '') errors[field.key] = REQUIRED[field.name];
  }
  return errors;
}

/** The card as both shops' actions parse it. */
export function toCardInput(card: CardDraft) {
  return { ...card, expMonth: Number(card.expMonth), expYear: Number(card.expYear), cvc: card.cvc.trim() };
}
