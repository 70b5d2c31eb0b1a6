'use client';
// One attempt at something the customer stands and waits for, which must never happen twice:
// the attempt carries one idempotency key, kept while the answer says "ask again" (the shop was
// unavailable, the network dropped, the first try is still running) and replaced after any final
// answer, so the next attempt is a new one. Nothing here knows what is being sent: checkout uses
// it, and so could the coffee counter's Pay.
import { useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import type { FieldErrors } from '../coffee/order-draft';
import type { FieldErrorsState } from '../coffee/use-field-errors';
import { type Problem, RETRYABLE_CODES } from '../coffee/use-pay';

export type SubmitPhase = 'idle' | 'waiting' | 'succeeded';

export interface KeyedSubmit<D, T> {
  /** The obvious mistakes, caught before anything is sent. */
  validate: (draft: D) => FieldErrors;
  send: (draft: D, idempotencyKey: string) => Promise<ActionResult<T>>;
  /** After a success the phase stays 'succeeded' (say, while the next page opens). */
  onSuccess: (data: T) => void;
  /** What to say when the action never answered: the same attempt may be sent again. */
  networkMessage: string;
  errors: Pick<FieldErrorsState, 'replace'>;
}

export function useKeyedSubmit<D, T>({ validate, send, onSuccess, networkMessage, errors }: KeyedSubmit<D, T>) {
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
    const result: ActionResult<T> = await send(draft, key).catch(() => ({ ok: false, code: 'NETWORK', message: networkMessage }));

    if (result.ok) {
      setPhase('succeeded');
      onSuccess(result.data);
      return;
    }
    if (!RETRYABLE_CODES.has(result.code)) attemptKey.current = newAttemptKey();
    errors.replace(result.fields ?? {});
    setProblem({ code: result.code, message: result.message });
    setPhase('idle');
    inFlight.current = false;
  }

  return { phase, busy: phase !== 'idle', problem, submit };
}

/** A random key; crypto.randomUUID needs a secure context, which a plain-http LAN demo lacks. */
function newAttemptKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
