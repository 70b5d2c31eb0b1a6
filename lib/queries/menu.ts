// The coffee menu as pages and the API show it. Menus change rarely: each process keeps a copy
// for a few seconds so placing an order does not read the menu table every time.
import { db } from '../db/client';
import { MILKS, MILK_SURCHARGE_CENTS, type MenuItem, SIZES, SIZE_DELTA_CENTS } from '../domain/coffee/menu';

export interface MenuView {
  items: {
    id: string;
    name: string;
    priceCents: number;
    sizes: { id: string; deltaCents: number }[];
    milks: { id: string; surchargeCents: number }[];
  }[];
}

const TTL_MS = 5_000;
let cache: { at: number; items: MenuItem[] } | undefined;

export async function menuItems(): Promise<MenuItem[]> {
  if (cache && Date.now() - cache.at < TTL_MS) return cache.items;
  const items = await db().menuItem.findMany({ orderBy: { position: 'asc' } });
  cache = { at: Date.now(), items };
  return items;
}

export async function menuById(): Promise<Map<string, MenuItem>> {
  return new Map((await menuItems()).map((i) => [i.id, i]));
}

export async function getMenu(): Promise<MenuView> {
  const items = await menuItems();
  return {
    items: items.map((item) => ({
      id: item.id,
      name: item.name,
      priceCents: item.priceCents,
      sizes: SIZES.map((id) => ({ id, deltaCents: SIZE_DELTA_CENTS[id] })),
      milks: item.takesMilk ? MILKS.map((id) => ({ id, surchargeCents: MILK_SURCHARGE_CENTS[id] })) : [],
    })),
  };
}
