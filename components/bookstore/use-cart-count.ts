'use client';
// The cart as the header knows it, under ['cart']: fetched from GET /api/cart, and replaced by
// every cart change this browser makes (each action answers with the whole cart).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { CartView } from '@/lib/queries/cart';
import { fetchJson } from '../live/use-live-snapshot';

export const cartQueryKey = ['cart'] as const;

const fetchCart = async () => ((await fetchJson('/api/cart')) as { cart: CartView }).cart;

/** Copies in the cart, or null while unknown (the header then shows no count). */
export function useCartCount(): number | null {
  const query = useQuery({ queryKey: cartQueryKey, queryFn: fetchCart });
  return query.data?.count ?? null;
}

/** Hands a cart an action answered with to the header. */
export function useRememberCart(): (cart: CartView) => void {
  const queryClient = useQueryClient();
  return (cart) => queryClient.setQueryData(cartQueryKey, cart);
}
