// Expected failures are values with stable codes ("SCOPE.REASON"); bugs throw.

export interface DomainError<C extends string = string> {
  code: C;
  message: string;
  /** Field path → message, for input the user can correct. */
  fields?: Record<string, string>;
}

export type Result<T, C extends string = string> = { ok: true; value: T } | { ok: false; error: DomainError<C> };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

export const fail = <C extends string>(code: C, message: string, fields?: Record<string, string>) =>
  ({ ok: false, error: fields ? { code, message, fields } : { code, message } }) as const;
