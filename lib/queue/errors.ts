// How a step says what kind of failure it met, so the worker knows whether to try again.
//
//   TransientStepError  — worth retrying (a spilt drink, a courier outage, a busy book):
//                         BullMQ retries it with backoff, up to the step's attempt limit.
//   PermanentStepError  — retrying cannot help (out of oat milk, a refused domain step): no more
//                         attempts; the step's exhaustion policy runs at once.
//
// Anything else thrown is sorted by lib/queue/policies.ts (classifyFailure): a few known kinds
// are permanent, the rest transient (a database blip, a lost connection).

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

/** A failure as a person reads it on the needs-attention list: a stable code and what happened. */
export interface FailureDescription {
  code: string;
  message: string;
}

const MAX_MESSAGE = 500;

export function describeFailure(error: unknown): FailureDescription {
  if (error instanceof TransientStepError || error instanceof PermanentStepError) {
    return { code: error.code, message: clip(error.message) };
  }
  if (error instanceof Error) {
    // Domain refusals carry their own code (StepRefused keeps it on `error.code`).
    const code = (error as { error?: { code?: unknown } }).error?.code;
    return { code: typeof code === 'string' ? code : toCode(error.name), message: clip(error.message) };
  }
  return { code: 'UNKNOWN', message: clip(String(error)) };
}

/** "CourierUnavailable" → "COURIER_UNAVAILABLE". */
function toCode(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase() || 'ERROR';
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE - 1)}…` : message;
}
