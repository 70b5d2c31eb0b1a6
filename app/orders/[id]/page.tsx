import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { OrderLive } from '@/components/order/order-live';
import { currentCustomerId } from '@/lib/http/customer';
import { isOrderId } from '@/lib/queries/ids';
import { getOrderView } from '@/lib/queries/order-view';

export const metadata: Metadata = { title: 'Your order' };

export default async function OrderPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Reading the cookie makes the page dynamic; someone else's order is simply not found.
  const customerId = await currentCustomerId();
  if (!customerId || !isOrderId(id)) notFound();
  const order = await getOrderView(id, customerId);
  if (!order) notFound();
  return <OrderLive initial={order} />;
}
