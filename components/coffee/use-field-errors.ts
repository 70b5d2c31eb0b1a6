'use client';
// The errors shown beside the form's fields. Two sources fill them — the form's own checks and the
// counter's answer — and editing a field clears its own, so they live apart from both.
import { useState } from 'react';
import type { FieldErrors } from './order-draft';

export function useFieldErrors() {
  const [errors, setErrors] = useState<FieldErrors>({});

  function clear(key: string) {
    setErrors((current) => {
      if (!(key in current)) return current;
      const { [key]: _removed, ...rest } = current;
      return rest;
    });
  }

  // Line errors are keyed by position; after a line is removed they would point at the wrong
  // line, so they are dropped rather than mislabelled.
  function clearLineErrors() {
    setErrors((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !k.startsWith('items.'))));
  }

  return { errors, replace: setErrors, clear, clearLineErrors };
}

export type FieldErrorsState = ReturnType<typeof useFieldErrors>;
