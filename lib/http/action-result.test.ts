import { describe, expect, it } from 'vitest';
import { fail, ok, refuse } from '../domain/shared/result';
import { actionFailure, actionResult } from './action-result';

describe('a command result as a server action result', () => {
  it('gives the value as data, or what the action makes of it', () => {
    expect(actionResult(ok({ order: { id: 'o1' } }))).toEqual({ ok: true, data: { order: { id: 'o1' } } });
    expect(actionResult(ok([1, 2]), (cart) => ({ cart }))).toEqual({ ok: true, data: { cart: [1, 2] } });
    expect(actionResult(ok(undefined), () => null)).toEqual({ ok: true, data: null });
  });

  it('gives a refusal its code, message and fields, as the form shows them', () => {
    expect(actionResult(fail('CART.TOO_MANY', 'At most 5 copies.', { quantity: 'You already have 5.' }), (cart) => ({ cart }))).toEqual({
      ok: false,
      code: 'CART.TOO_MANY',
      message: 'At most 5 copies.',
      fields: { quantity: 'You already have 5.' },
    });
  });

  it('links the order a refusal names, and leaves out what only an API client uses', () => {
    const declined = refuse({ code: 'PAYMENT.DECLINED', message: 'Declined.' }, { order: { id: 'o2' } });
    expect(actionResult(declined)).toEqual({ ok: false, code: 'PAYMENT.DECLINED', message: 'Declined.' });
    expect(actionFailure({ code: 'CART.ALREADY_CHECKED_OUT', message: 'Checked out elsewhere.', orderId: 'o3' })).toEqual({
      ok: false,
      code: 'CART.ALREADY_CHECKED_OUT',
      message: 'Checked out elsewhere.',
      orderId: 'o3',
      orderUrl: '/orders/o3',
    });
    expect(actionFailure({ code: 'RATE_LIMITED', message: 'Too many.', retryAfterS: 5 })).toEqual({
      ok: false,
      code: 'RATE_LIMITED',
      message: 'Too many.',
    });
  });
});
