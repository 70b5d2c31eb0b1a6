// What every server action returns: data, or an error with a stable code the UI can act on.
export type ActionResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      code: string;
      message: string;
      fields?: Record<string, string>;
      /** An outage after the card was asked: the order the payment was for, and its page if recorded. */
      orderId?: string;
      orderUrl?: string;
    };

export type ActionFailure = Extract<ActionResult<never>, { ok: false }>;
