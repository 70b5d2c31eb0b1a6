import { describe, expect, test } from 'vitest';
import { orderReference } from '../domain/shared/order-reference';
import { MAILED_EVENTS, composeMail } from './mails';

const orderId = '0193b2f4-7c1a-7d2e-9f10-3a4b5c6d7e8f';
const facts = (data: Record<string, unknown>) => ({ data, orderId, recipient: 'Sam', totalCents: 2_500 });

describe('composeMail', () => {
  test('a released hold is told as released, never as a refund', () => {
    const mail = composeMail('PaymentReleased', facts({ amountCents: 1_299, title: 'War and Peace' }))!;
    expect(mail.kind).toBe('released');
    expect(mail.subject).toBe('Hold of $12.99 released for "War and Peace"');
    expect(`${mail.subject}\n${mail.body}`).not.toMatch(/refund/i);
    expect(mail.body).toContain('Nothing was taken');
  });

  test('every mail that names the order uses the reference the order page shows', () => {
    const data = {
      title: 'Dune',
      quantity: 1,
      amountCents: 999,
      decideBy: new Date(0).toISOString(),
      carrier: 'Post',
      trackingNumber: 'T1',
    };
    for (const type of MAILED_EVENTS) {
      const mail = composeMail(type, facts(data))!;
      const text = `${mail.subject}\n${mail.body}`;
      if (!/order/i.test(text)) continue;
      expect(text, type).toContain(orderReference(orderId));
      expect(text, type).not.toContain(orderId.slice(0, 8));
    }
  });
});
