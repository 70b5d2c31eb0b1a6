import { placeCoffeeOrder } from '/work/main/lib/commands/place-coffee-order';
import { db } from '/work/main/lib/db/client';
import { randomUUID } from 'node:crypto';
const cust = randomUUID();
const t0 = Date.now();
const a = await placeCoffeeOrder({ customerName: 'Sam', items: [{ itemId: 'latte', size: 'M', milk: 'oat', quantity: 1 }], card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' } }, { customerId: cust, idempotencyKey: randomUUID() });
console.log(a.status, JSON.stringify(a.body).slice(0, 200), Date.now() - t0, 'ms');
const id = (a.body as any).order.id;
for (let i = 0; i < 40; i++) { const t = await db().baristaTicket.findUnique({ where: { orderId: id } }); if (t?.status === 'ready') { console.log('ready after', Date.now() - t0); break; } await new Promise(r => setTimeout(r, 100)); }
const d = await placeCoffeeOrder({ customerName: 'Kim', items: [{ itemId: 'tea', size: 'S', quantity: 2 }], card: { number: '4000000000000002', expMonth: 12, expYear: 2030, cvc: '123' } }, { customerId: cust, idempotencyKey: randomUUID() });
console.log(d.status, JSON.stringify(d.body).slice(0, 200));
await new Promise(r => setTimeout(r, 1500));
const tl = await db().timelineEntry.findMany({ where: { orderId: (d.body as any).order.id }, orderBy: { occurredAt: 'asc' } });
console.log(tl.map(t => `${t.type}/${t.mode}/${t.actor}`).join(' '));
const tl2 = await db().timelineEntry.findMany({ where: { orderId: id }, orderBy: { occurredAt: 'asc' } });
console.log(tl2.map(t => `${t.type}/${t.mode}/${t.actor}`).join(' '));
process.exit(0);
