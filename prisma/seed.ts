// Seeds the coffee menu. Safe to run again: it upserts by id, so prices can be edited here.
import { db, disconnectDb } from '../lib/db/client';

export const MENU = [
  { id: 'espresso', name: 'Espresso', priceCents: 280, takesMilk: false },
  { id: 'americano', name: 'Americano', priceCents: 320, takesMilk: false },
  { id: 'latte', name: 'Latte', priceCents: 420, takesMilk: true },
  { id: 'cappuccino', name: 'Cappuccino', priceCents: 410, takesMilk: true },
  { id: 'flat-white', name: 'Flat white', priceCents: 430, takesMilk: true },
  { id: 'mocha', name: 'Mocha', priceCents: 460, takesMilk: true },
  { id: 'tea', name: 'Tea', priceCents: 250, takesMilk: false },
  { id: 'hot-chocolate', name: 'Hot chocolate', priceCents: 390, takesMilk: true },
] as const;

export async function seed(): Promise<void> {
  for (const [position, item] of MENU.entries()) {
    await db().menuItem.upsert({
      where: { id: item.id },
      create: { ...item, position },
      update: { ...item, position },
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  seed()
    .then(() => console.log(`seeded ${MENU.length} menu items`))
    .catch((error: unknown) => {
      console.error('seeding failed:', error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => disconnectDb());
}
