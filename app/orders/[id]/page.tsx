import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderRequestLive } from '@/components/bookstore/order-request-live';
import { OrderLive } from '@/components/order/order-live';
import { currentCustomerId } from '@/lib/http/customer';
import { isOrderId } from '@/lib/queries/ids';
import { getOrderRequestView } from '@/lib/queries/order-request-view';
import { getOrderView } from '@/lib/queries/order-view';
import { answerBackorderAction } from './actions';

export const metadata: Metadata = { title: 'Your order' };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Reading the cookie makes the page dynamic; someone else's order is simply not found.
  const customerId = await currentCustomerId();
  if (!customerId || !isOrderId(id)) notFound();
  // A coffee order or a bookstore order request: one id space, two read models.
  const order = await getOrderView(id, customerId);
  if (order) return <OrderLive initial={order} />;
  const request = await getOrderRequestView(id, customerId);
  if (request) return <OrderRequestLive initial={request} answerBackorder={answerBackorderAction} />;
  notFound();
}
