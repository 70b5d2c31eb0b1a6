// How a step says what kind of failure it met, so the worker knows whether to try again.
//
//   TransientStepError  — worth retrying (a spilt drink, a courier outage, a busy book):
//                         BullMQ retries it with backoff, up to the step's attempt limit.
//   PermanentStepError  — retrying cannot help (out of oat milk, a refused domain step): no more
//                         attempts; the step's exhaustion policy runs at once.
//
// Anything else thrown is treated as transient (a database blip, a lost connection).

export class TransientStepError extends Error {
  override name = 'TransientStepError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export class PermanentStepError extends Error {
  override name = 'PermanentStepError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
