// The card as both order-placing commands accept it. Only the shape is checked here; the rules
// (Luhn, expiry, CVC) are lib/domain/payments/card.ts, so they answer with field errors.
import { z } from 'zod';

export const CardRequest = z.object(
  {
    number: z.string({ error: 'Enter the card number.' }).max(32, 'Enter the card number.'),
    expMonth: z.coerce.number({ error: 'Enter the expiry month.' }).int(),
    expYear: z.coerce.number({ error: 'Enter the expiry year.' }).int(),
    cvc: z.string({ error: 'Enter the security code.' }).max(8),
  },
  { error: 'Enter the card details.' },
);
