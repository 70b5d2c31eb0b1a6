import type { Metadata } from 'next';
import { connection } from 'next/server';
import { OrderForm } from '@/components/coffee/order-form';
import { getMenu } from '@/lib/queries/menu';
import { placeCoffeeOrderAction } from './actions';

export const metadata: Metadata = { title: 'Coffee shop' };

export default async function CoffeePage() {
  await connection();
  const menu = await getMenu();
  return (
    <div className="space-y-8">
      <header className="max-w-3xl space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Coffee shop</h1>
        <p className="text-roast-700">
          Pick your drinks, then pay at the counter. You wait for the card&apos;s answer — paid, or declined and
          cancelled — before you leave. Making the drink is the barista&apos;s job, and you can follow it afterwards.
        </p>
      </header>
      <OrderForm menu={menu} placeOrder={placeCoffeeOrderAction} />
    </div>
  );
}
