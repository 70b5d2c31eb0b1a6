'use client';
// The errors shown beside a form's fields. Two sources fill them — the form's own checks and the
// server's answer — and editing a field clears its own, so they live apart from both.
import { useState } from 'react';

/** Errors keyed by the server's field paths ('customerName', 'items.0.quantity', 'card.cvc'). */
export type FieldErrors = Record<string, string>;

export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});

  function clear(key: string) {
    setErrors((current) => {
      if (!(key in current)) return current;
      const { [key]: _removed, ...rest } = current;
      return rest;
    });
  }

  /** Drops every error under a path ('items.'), say when what they were keyed by has moved. */
  function clearUnder(prefix: string) {
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith(prefix))));
  }

  return { errors, replace: setErrors, clear, clearUnder };
}

export type FieldErrorsState = ReturnType<typeof useFieldErrors>;
