'use client';
// One payment attempt at the counter. The customer waits here for the card's final answer, and an
// attempt must never turn into two charges: it carries one idempotency key, kept while the answer
// says "ask again" and replaced after any final answer, so the next attempt is a new order.
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import type { OrderSummary } from '@/lib/commands/order-summary';
import type { ActionResult } from '@/lib/http/action-result';
import { type OrderDraft, toOrderInput, validate } from './order-draft';
import type { FieldErrorsState } from './use-field-errors';

export type PlaceOrderAction = (
  input: unknown,
  idempotencyKey: string,
) => Promise<ActionResult<{ order: OrderSummary }>>;

export type Phase = 'idle' | 'paying' | 'redirecting';

export interface Problem {
  code: string;
  message: string;
}

/** Answers after which the same attempt may be sent again with the same key. */
export const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'IDEMPOTENCY.IN_PROGRESS', 'NETWORK']);

const NETWORK_FAILURE = {
  ok: false,
  code: 'NETWORK',
  message:
    'We lost touch with the counter before the card answered. Press Pay again: it asks about the same payment, so you will not be charged twice.',
} as const;

export function usePay(placeOrder: PlaceOrderAction, errors: Pick<FieldErrorsState, 'replace'>) {
  const router = useRouter();
  const [phase, setPhase] = useState<Phase>('idle');
  const [problem, setProblem] = useState<Problem | null>(null);

  // Made when the form mounts (not during render, which may run more than once).
  const idempotencyKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  useEffect(() => {
    idempotencyKey.current ??= newIdempotencyKey();
  }, []);

  async function pay(draft: OrderDraft) {
    // `disabled` stops clicks, but not a second Enter press before React re-renders.
    if (inFlight.current) return;

    const clientErrors = validate(draft);
    if (Object.keys(clientErrors).length > 0) {
      errors.replace(clientErrors);
      setProblem({ code: 'VALIDATION', message: 'Some details need fixing.' });
      return;
    }

    inFlight.current = true;
    setPhase('paying');
    setProblem(null);
    errors.replace({});
    const key = (idempotencyKey.current ??= newIdempotencyKey());

    let result: ActionResult<{ order: OrderSummary }>;
    try {
      result = await placeOrder(toOrderInput(draft), key);
    } catch {
      result = NETWORK_FAILURE;
    }

    if (result.ok) {
      setPhase('redirecting');
      router.push(`/orders/${result.data.order.id}`);
      return;
    }

    if (!RETRYABLE_CODES.has(result.code)) idempotencyKey.current = newIdempotencyKey();
    errors.replace(result.fields ?? {});
    setProblem({ code: result.code, message: result.message });
    setPhase('idle');
    inFlight.current = false;
  }

  return { phase, busy: phase !== 'idle', problem, pay };
}

/** crypto.randomUUID needs a secure context; plain-http demos on a LAN address still get a v4 id. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
