import { describe, expect, it } from 'vitest';
import { fail, ok, refuse } from '../domain/shared/result';
import { answer, errorBody, refusal } from './answer';

const bodyOf = async (response: Response) => response.json() as Promise<Record<string, unknown>>;

describe('a command result as an HTTP answer', () => {
  it('answers a success with the given status, the value as body, and the headers made from it', async () => {
    const response = answer(ok({ order: { id: 'o1' } }), 201, { headers: ({ order }) => ({ Location: `/orders/${order.id}` }) });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/orders/o1');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await bodyOf(response)).toEqual({ order: { id: 'o1' } });
  });

  it('can wrap the value in a body of its own', async () => {
    const response = answer(ok({ station: 2, mode: 'manual' }), 200, { body: (station) => ({ station }) });
    expect(response.status).toBe(200);
    expect(await bodyOf(response)).toEqual({ station: { station: 2, mode: 'manual' } });
  });

  it('answers a refusal with the status of its code, ignoring the success status and headers', async () => {
    const response = answer(fail('VALIDATION', 'Some details need fixing.', { name: 'Give a name.' }), 201, {
      headers: () => ({ Location: '/nowhere' }),
    });
    expect(response.status).toBe(422);
    expect(response.headers.get('location')).toBeNull();
    expect(await bodyOf(response)).toEqual({
      error: { code: 'VALIDATION', message: 'Some details need fixing.', fields: { name: 'Give a name.' } },
    });
  });

  it('puts what a refusal still tells beside the error: a declined order shows the order', async () => {
    const declined = refuse(
      { code: 'PAYMENT.DECLINED', message: 'Declined. The order is cancelled.' },
      { order: { id: 'o2', status: 'cancelled' } },
    );
    const response = answer(declined, 201);
    expect(response.status).toBe(402);
    expect(await bodyOf(response)).toEqual({
      error: { code: 'PAYMENT.DECLINED', message: 'Declined. The order is cancelled.' },
      order: { id: 'o2', status: 'cancelled' },
    });
  });

  it('links the order a refusal names, and asks for a wait with Retry-After when it says how long', async () => {
    const elsewhere = refusal(refuse({ code: 'CART.ALREADY_CHECKED_OUT', message: 'Checked out in another tab.', orderId: 'o3' }));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.headers.get('retry-after')).toBeNull();
    expect(await bodyOf(elsewhere)).toEqual({
      error: { code: 'CART.ALREADY_CHECKED_OUT', message: 'Checked out in another tab.', orderId: 'o3', orderUrl: '/orders/o3' },
    });

    const limited = refusal({ error: { code: 'RATE_LIMITED', message: 'Too many orders.', retryAfterS: 12 } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('12');
    expect(await bodyOf(limited)).toEqual({ error: { code: 'RATE_LIMITED', message: 'Too many orders.', retryAfterS: 12 } });
  });

  it('shapes an error body with only the parts the error has', () => {
    expect(errorBody({ code: 'NOT_FOUND', message: 'There is nothing here.' })).toEqual({
      code: 'NOT_FOUND',
      message: 'There is nothing here.',
    });
  });
});
