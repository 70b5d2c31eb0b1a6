'use client';
// One attempt at something the customer stands and waits for, which must never happen twice (a
// coffee payment, a checkout): the attempt carries one idempotency key, kept while the answer says
// "ask again" (the shop was unavailable, the network dropped, the first try is still running) and
// replaced after any final answer, so the next attempt is a new one. Nothing here knows what is
// being sent.
import { useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { FieldErrors, FieldErrorsState } from './field-errors';

/** A server action that takes the form's input and the attempt's idempotency key. */
export type KeyedAction<T> = (input: unknown, idempotencyKey: string) => Promise<ActionResult<T>>;

export type SubmitPhase = 'idle' | 'waiting' | 'succeeded';

/** An answer that kept the customer at the form. */
export interface Problem {
  code: string;
  message: string;
  /** The order this answer is about (a payment being confirmed, a cart already checked out). */
  orderUrl?: string;
}

/** Answers after which the same attempt may be sent again with the same key. */
export const RETRYABLE_CODES = new Set(['UNAVAILABLE', 'IDEMPOTENCY.IN_PROGRESS', 'NETWORK']);

export interface KeyedSubmit<D, T> {
  /** The obvious mistakes, caught before anything is sent. */
  validate: (draft: D) => FieldErrors;
  send: (draft: D, idempotencyKey: string) => Promise<ActionResult<T>>;
  /** After a success the phase stays 'succeeded' (say, while the next page opens). */
  onSuccess: (data: T) => void;
  /** What to say when the action never answered: the same attempt may be sent again. */
  networkMessage: string;
  errors: Pick<FieldErrorsState, 'replace'>;
  /** Told of every answer that kept the customer at the form (say, to refresh a stale cart). */
  onProblem?: (problem: Problem) => void;
}

export function useKeyedSubmit<D, T>({ validate, send, onSuccess, networkMessage, errors, onProblem }: KeyedSubmit<D, T>) {
  const [phase, setPhase] = useState<SubmitPhase>('idle');
  const [problem, setProblem] = useState<Problem | null>(null);

  // Made when the form mounts (not during render, which may run more than once).
  const attemptKey = useRef<string | null>(null);
  const inFlight = useRef(false);
  useEffect(() => {
    attemptKey.current ??= newAttemptKey();
  }, []);

  async function submit(draft: D) {
    // `disabled` stops clicks, but not a second Enter press before React re-renders.
    if (inFlight.current) return;

    const clientErrors = validate(draft);
    if (Object.keys(clientErrors).length > 0) {
      errors.replace(clientErrors);
      setProblem({ code: 'VALIDATION', message: 'Some details need fixing.' });
      return;
    }

    inFlight.current = true;
    setPhase('waiting');
    setProblem(null);
    errors.replace({});
    const key = (attemptKey.current ??= newAttemptKey());

    let result: ActionResult<T>;
    try {
      result = await send(draft, key);
    } catch {
      result = { ok: false, code: 'NETWORK', message: networkMessage };
    }

    if (result.ok) {
      setPhase('succeeded');
      onSuccess(result.data);
      return;
    }
    // An UNAVAILABLE answer keeps the key even after the card was asked ("being confirmed"): the
    // retry must reach the same attempt, which is how it learns whether the payment went through.
    if (!RETRYABLE_CODES.has(result.code)) attemptKey.current = newAttemptKey();
    errors.replace(result.fields ?? {});
    const problem: Problem = { code: result.code, message: result.message };
    if (result.orderUrl && isOrderPath(result.orderUrl)) problem.orderUrl = result.orderUrl;
    setProblem(problem);
    onProblem?.(problem);
    setPhase('idle');
    inFlight.current = false;
  }

  return { phase, busy: phase !== 'idle', problem, submit };
}

/** Only a link into this shop's own order pages is followed. */
function isOrderPath(url: string): boolean {
  return /^\/orders\/[0-9a-f-]{36}$/i.test(url);
}

/** crypto.randomUUID needs a secure context; plain-http demos on a LAN address still get a v4 id. */
function newAttemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
