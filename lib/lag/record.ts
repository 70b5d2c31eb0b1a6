// Recording the consistency window, in the worker process: after a step's handler commits, the
// moments its event passed through are noted in memory and written in batches — one INSERT for
// many handled events, every half second — so the measuring costs the worker's hot path nothing
// but an array push. The causing event's commit is taken from its outbox row inside that same
// statement (no extra read): `created_at` is the clock of the transaction that wrote the event,
// read when it began, so the window measured is at most that transaction's few milliseconds longer
// than the true commit → handler commit.
//
// Best effort by design: a batch that cannot be written (the database is down) is dropped, and a
// worker that crashes loses at most half a second of samples. Losing a sample skews a percentile
// a little; blocking a step for its measurement would be the wrong trade.
import { db } from '../db/client';

export interface StepTimingSample {
  step: string;
  eventId: string;
  /** When the job was put on its queue (BullMQ's job.timestamp), epoch ms. */
  publishedAt: number;
  /** When the (last, successful) attempt started (job.processedOn), epoch ms. */
  startedAt: number;
  /** Read right after the handler returned, i.e. after its transaction committed, epoch ms. */
  handledAt: number;
}

const FLUSH_MS = 500;
/** At most this many waiting samples; past it (the database has been down a while) new ones are dropped. */
const MAX_PENDING = 5_000;

export interface TimingRecorder {
  note(sample: StepTimingSample): void;
  /** Writes what is pending now (also at shutdown). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

export function startTimingRecorder(onError: (error: unknown) => void = () => {}): TimingRecorder {
  let pending: StepTimingSample[] = [];
  let writing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (pending.length === 0) return writing;
    const batch = pending;
    pending = [];
    writing = writing.then(async () => void (await writeTimings(batch))).catch(onError);
    return writing;
  };
  const timer = setInterval(() => void flush(), FLUSH_MS);
  timer.unref();

  return {
    note(sample) {
      if (pending.length < MAX_PENDING) pending.push(sample);
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

/** One statement for the whole batch; an event whose outbox row is already gone is skipped. */
export async function writeTimings(batch: readonly StepTimingSample[]): Promise<number> {
  if (batch.length === 0) return 0;
  const ms = (at: number) => new Date(Math.round(at));
  return db().$executeRaw`
    INSERT INTO step_timings (step, event_id, committed_at, published_at, started_at, handled_at)
    SELECT t.step, o.id, o.created_at, t.published_at, t.started_at, t.handled_at
    FROM unnest(
      ${batch.map((s) => s.step)}::text[],
      ${batch.map((s) => s.eventId)}::uuid[],
      ${batch.map((s) => ms(s.publishedAt))}::timestamptz[],
      ${batch.map((s) => ms(s.startedAt))}::timestamptz[],
      ${batch.map((s) => ms(s.handledAt))}::timestamptz[]
    ) AS t(step, event_id, published_at, started_at, handled_at)
    JOIN outbox o ON o.id = t.event_id
    ON CONFLICT (step, event_id) DO NOTHING`;
}
