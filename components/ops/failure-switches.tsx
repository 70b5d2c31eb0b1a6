'use client';
// The failure switches page: what a presenter can make go wrong, each with its current value, a
// control that applies at once, and one line on what the audience will see. Above them, proof
// that a change has reached every process (the version each one reports); below, the queues and
// the worker processes.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, useTransition } from 'react';
import type { ActionResult } from '@/lib/http/action-result';
import {
  MAX_EXTRA_CARD_LATENCY_MS,
  MAX_SLOWNESS,
  NOTHING_WRONG,
  type Switches,
  fromPercent,
  isNothingWrong,
  toPercent,
} from '@/lib/switches/settings';
import type { OpsStatus } from '@/lib/switches/status';
import { ClockTime } from '../ui/clock-time';
import { Spinner } from '../ui/spinner';
import { QueueControls } from './queue-controls';
import { OtherValue, Presets, SwitchCard, Toggle } from './switch-controls';
import { opsStatusKey, useOpsStatus } from './use-ops-status';
import { WorkerProcesses } from './worker-processes';

export interface OpsActions {
  save: (input: {
    switches: Switches;
    version: number;
  }) => Promise<ActionResult<{ version: number; updatedAt: string }>>;
  reset: () => Promise<ActionResult<{ version: number }>>;
  setQueuePaused: (queue: string, paused: boolean) => Promise<ActionResult<{ queue: string; paused: boolean }>>;
  crashWorker: (pid: number | null) => Promise<ActionResult<{ obeyedBy: number }>>;
}

type Saved = Pick<OpsStatus, 'switches' | 'version' | 'updatedAt'>;
/** A change to the switches, applied to whatever they are when its turn to be saved comes. */
type Change = (base: Switches) => Switches;

type Notice = { tone: 'ok' | 'problem'; text: string; fields?: Record<string, string> };

const RATE_PRESETS = [0, 10, 25, 50, 100].map((p) => ({ label: p === 0 ? 'Off' : `${p}%`, value: p / 100 }));
const LATENCY_PRESETS = [
  { label: 'None', value: 0 },
  { label: '+1 s', value: 1_000 },
  { label: '+3 s', value: 3_000 },
  { label: '+10 s', value: 10_000 },
];
const SLOWNESS_PRESETS = [1, 2, 5, 10].map((x) => ({ label: x === 1 ? 'Normal' : `×${x}`, value: x }));

const rateState = (rate: number, what: string) => (rate > 0 ? `${toPercent(rate)}% ${what}` : 'Off');
const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en-GB', { maximumFractionDigits: 1 })} s`;

export function FailureSwitches({ initial, actions }: { initial: OpsStatus; actions: OpsActions }) {
  const { status: polled, problem, refresh } = useOpsStatus(initial);
  const client = useQueryClient();
  const [pending, startTransition] = useTransition();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  // What our own last save stored. The poll can lag behind it (a status read started before the
  // save, a cached read in another module instance), and a page that went back to the polled,
  // older version would have its own next save refused as stale and undo its own change.
  const [saved, setSaved] = useState<Saved | null>(null);
  const status: OpsStatus = saved && saved.version > polled.version ? { ...polled, ...saved } : polled;
  const { switches, version } = status;
  /** Versions this page saved itself: a form begun before them was overtaken by us, not someone else. */
  const ownVersions = useRef(new Set<number>());
  const latest = useRef<Saved>({ switches, version, updatedAt: status.updatedAt });
  // After commit, not during render: a render React throws away must not move what saves build on.
  // React runs this before it handles the next click, so a save still starts from what is shown.
  useEffect(() => {
    if (version > latest.current.version) latest.current = { switches, version, updatedAt: status.updatedAt };
  }, [switches, version, status.updatedAt]);
  /** Saves run one at a time, each from what the one before stored. */
  const queue = useRef<Promise<void>>(Promise.resolve());

  const show = (next: Notice) => {
    setNotice(next);
    if (next.tone === 'problem') requestAnimationFrame(() => noticeRef.current?.focus());
  };

  /** Takes in whatever the poll has that is newer than what this page knows (someone else's save). */
  const adoptPolled = () => {
    const fresh = client.getQueryData<OpsStatus>(opsStatusKey);
    if (fresh && fresh.version > latest.current.version) {
      latest.current = { switches: fresh.switches, version: fresh.version, updatedAt: fresh.updatedAt };
    }
  };

  /**
   * Applies `change` to the switches as they stand after any save still running, and saves the
   * result as the successor of the newest version this page knows. `fromVersion` is where a typed
   * value was begun: if only this page's own saves came after it, it is still current; if someone
   * else saved in between, it is kept, and the server refuses it rather than undo their change.
   */
  const save = (change: Change, what: string, fromVersion?: number) => {
    const run = async () => {
      adoptPolled();
      const base = latest.current;
      let expected = base.version;
      if (fromVersion !== undefined) {
        for (let v = fromVersion + 1; v <= base.version; v++) if (!ownVersions.current.has(v)) expected = fromVersion;
      }
      const next = change(base.switches);
      const result = await actions.save({ switches: next, version: expected });
      if (result.ok) {
        ownVersions.current.add(result.data.version);
        latest.current = { switches: next, version: result.data.version, updatedAt: result.data.updatedAt };
        setSaved(latest.current);
        show({
          tone: 'ok',
          text: `${what} — saved as version ${result.data.version}. Every process obeys it within a second.`,
        });
      } else {
        show({ tone: 'problem', text: result.message, fields: result.fields });
      }
      await refresh();
      adoptPolled();
    };
    const turn = queue.current.then(run, run);
    queue.current = turn.catch(() => undefined);
    startTransition(() => turn);
  };

  const set =
    <K extends keyof Switches>(group: K, patch: Partial<Switches[K]>): Change =>
    (base) => ({ ...base, [group]: { ...base[group], ...patch } });

  const reset = () => {
    const run = async () => {
      const result = await actions.reset();
      if (result.ok) {
        ownVersions.current.add(result.data.version);
        latest.current = { switches: NOTHING_WRONG, version: result.data.version, updatedAt: new Date().toISOString() };
        setSaved(latest.current);
      }
      show(
        result.ok
          ? {
              tone: 'ok',
              text: `Everything reset: nothing goes wrong, every queue runs (version ${result.data.version}).`,
            }
          : { tone: 'problem', text: result.message },
      );
      await refresh();
      adoptPolled();
    };
    const turn = queue.current.then(run, run);
    queue.current = turn.catch(() => undefined);
    startTransition(() => turn);
  };

  const runAction = <T,>(act: () => Promise<ActionResult<T>>, success: (data: T) => string) =>
    startTransition(async () => {
      const result = await act();
      show(result.ok ? { tone: 'ok', text: success(result.data) } : { tone: 'problem', text: result.message });
      await refresh();
    });

  const fieldError = (path: string) => (notice?.tone === 'problem' ? notice.fields?.[path] : undefined);
  const queuesPaused = status.queues.filter((q) => q.paused).length;
  const calm = isNothingWrong(switches) && queuesPaused === 0;

  return (
    <div className="space-y-8">
      <header className="space-y-2">
        <h1 className="text-4xl font-semibold text-roast-900">Failure switches</h1>
        <p className="max-w-3xl text-roast-700">
          Make things go wrong on purpose, in front of an audience. A change applies the moment you press it and reaches
          every process — web, relay, workers — within a second. The settings are stored, so they survive restarts until
          you reset them.
        </p>
      </header>

      <Propagation
        status={status}
        calm={calm}
        queuesPaused={queuesPaused}
        problem={problem}
        pending={pending}
        onReset={reset}
      />

      {/* Always present, so what appears in it is read out; a problem is an alert and takes focus. */}
      <div role="status" aria-atomic="true">
        {notice && (
          <div
            ref={noticeRef}
            tabIndex={-1}
            role={notice.tone === 'problem' ? 'alert' : undefined}
            className={`rounded-xl border p-4 text-sm ${notice.tone === 'problem' ? 'border-red-300 bg-red-50 text-red-900' : 'border-emerald-300 bg-emerald-50 text-emerald-900'}`}
          >
            {notice.text}
          </div>
        )}
      </div>

      <section aria-labelledby="card-network" className="space-y-3">
        <h2 id="card-network" className="text-2xl font-semibold text-roast-900">
          Card network
        </h2>
        <div className="grid gap-4 lg:grid-cols-3">
          <SwitchCard
            title="Card decline rate"
            state={rateState(switches.card.declineRate, 'declined')}
            on={switches.card.declineRate > 0}
            explanation="That share of good cards is declined: at the counter the customer reads “Your card was declined” and the order is cancelled; a bookstore checkout keeps its cart."
          >
            <Presets
              legend="Card decline rate"
              presets={RATE_PRESETS}
              current={switches.card.declineRate}
              disabled={pending}
              onPick={(rate, label) => save(set('card', { declineRate: rate }), `Card decline rate: ${label}`)}
            />
            <OtherValue
              label="Other decline rate"
              unit="%"
              min={0}
              max={100}
              current={toPercent(switches.card.declineRate)}
              version={version}
              disabled={pending}
              error={fieldError('card.declineRate')}
              onSet={(p, from) =>
                save(
                  set('card', { declineRate: fromPercent(p) }),
                  `Card decline rate: ${toPercent(fromPercent(p))}%`,
                  from,
                )
              }
            />
          </SwitchCard>
          <SwitchCard
            title="Card network latency"
            state={switches.card.extraLatencyMs > 0 ? `+${seconds(switches.card.extraLatencyMs)}` : 'Off'}
            on={switches.card.extraLatencyMs > 0}
            explanation="Every card answer takes this much longer: the Pay button keeps spinning, because paying is the customer's own job and they wait for it."
          >
            <Presets
              legend="Card network latency"
              presets={LATENCY_PRESETS}
              current={switches.card.extraLatencyMs}
              disabled={pending}
              onPick={(ms, label) => save(set('card', { extraLatencyMs: ms }), `Card network latency: ${label}`)}
            />
            <OtherValue
              label="Other extra latency"
              unit="ms"
              min={0}
              max={MAX_EXTRA_CARD_LATENCY_MS}
              step={100}
              current={switches.card.extraLatencyMs}
              version={version}
              disabled={pending}
              error={fieldError('card.extraLatencyMs')}
              onSet={(ms, from) =>
                save(
                  set('card', { extraLatencyMs: Math.round(ms) }),
                  `Card network latency: +${Math.round(ms)} ms`,
                  from,
                )
              }
            />
          </SwitchCard>
          <SwitchCard
            title="Unknown card outcomes"
            state={rateState(switches.card.unknownOutcomeRate, 'time out')}
            on={switches.card.unknownOutcomeRate > 0}
            explanation="That share of payments goes through but the answer is lost: the shop must look the payment up by its key rather than charge again — nobody pays twice."
          >
            <Presets
              legend="Unknown card outcomes"
              presets={RATE_PRESETS}
              current={switches.card.unknownOutcomeRate}
              disabled={pending}
              onPick={(rate, label) =>
                save(set('card', { unknownOutcomeRate: rate }), `Unknown card outcomes: ${label}`)
              }
            />
            <OtherValue
              label="Other timeout rate"
              unit="%"
              min={0}
              max={100}
              current={toPercent(switches.card.unknownOutcomeRate)}
              version={version}
              disabled={pending}
              error={fieldError('card.unknownOutcomeRate')}
              onSet={(p, from) =>
                save(
                  set('card', { unknownOutcomeRate: fromPercent(p) }),
                  `Unknown card outcomes: ${toPercent(fromPercent(p))}%`,
                  from,
                )
              }
            />
          </SwitchCard>
        </div>
      </section>

      <section aria-labelledby="barista" className="space-y-3">
        <h2 id="barista" className="text-2xl font-semibold text-roast-900">
          Barista
        </h2>
        <div className="grid gap-4 lg:grid-cols-3">
          <SwitchCard
            title="Spilt drinks"
            state={rateState(switches.barista.spillRate, 'spilt')}
            on={switches.barista.spillRate > 0}
            explanation="That share of finished drinks is spilt and made again: the order page and the barista board show the drink going back to being made."
          >
            <Presets
              legend="Spilt drinks"
              presets={RATE_PRESETS}
              current={switches.barista.spillRate}
              disabled={pending}
              onPick={(rate, label) => save(set('barista', { spillRate: rate }), `Spilt drinks: ${label}`)}
            />
            <OtherValue
              label="Other spill rate"
              unit="%"
              min={0}
              max={100}
              current={toPercent(switches.barista.spillRate)}
              version={version}
              disabled={pending}
              error={fieldError('barista.spillRate')}
              onSet={(p, from) =>
                save(set('barista', { spillRate: fromPercent(p) }), `Spilt drinks: ${toPercent(fromPercent(p))}%`, from)
              }
            />
          </SwitchCard>
          <SwitchCard
            title="Slow barista"
            state={switches.barista.slowness > 1 ? `×${switches.barista.slowness} slower` : 'Off'}
            on={switches.barista.slowness > 1}
            explanation="Every drink takes this many times longer: the order page says “being made” for longer, while the payment stays final."
          >
            <Presets
              legend="Slow barista"
              presets={SLOWNESS_PRESETS}
              current={switches.barista.slowness}
              disabled={pending}
              onPick={(x, label) => save(set('barista', { slowness: x }), `Slow barista: ${label}`)}
            />
            <OtherValue
              label="Other slowness"
              unit="×"
              min={1}
              max={MAX_SLOWNESS}
              step={0.5}
              current={switches.barista.slowness}
              version={version}
              disabled={pending}
              error={fieldError('barista.slowness')}
              onSet={(x, from) => save(set('barista', { slowness: x }), `Slow barista: ×${x}`, from)}
            />
          </SwitchCard>
          <SwitchCard
            title="Out of oat milk"
            state={switches.barista.outOfOatMilk ? 'Out' : 'Off'}
            on={switches.barista.outOfOatMilk}
            explanation="Drinks with oat milk cannot be made: the barista gives up on them instead of retrying, and staff decide what happens under Needs attention."
          >
            <Toggle
              label="Out of oat milk"
              checked={switches.barista.outOfOatMilk}
              disabled={pending}
              onChange={(out) =>
                save(set('barista', { outOfOatMilk: out }), out ? 'Out of oat milk' : 'Oat milk is back')
              }
            />
          </SwitchCard>
        </div>
      </section>

      <section aria-labelledby="courier" className="space-y-3">
        <h2 id="courier" className="text-2xl font-semibold text-roast-900">
          Courier
        </h2>
        <div className="grid gap-4 lg:grid-cols-3">
          <SwitchCard
            title="Courier outage"
            state={switches.courier.outage ? 'Down' : 'Off'}
            on={switches.courier.outage}
            explanation="The courier refuses every booking: paid bookstore lines wait to ship and are tried again later; parcels already on their way are still tracked and delivered."
          >
            <Toggle
              label="Courier outage"
              checked={switches.courier.outage}
              disabled={pending}
              onChange={(down) => save(set('courier', { outage: down }), down ? 'Courier outage' : 'Courier back')}
            />
          </SwitchCard>
        </div>
      </section>

      <QueueControls
        queues={status.queues}
        unknown={status.redisProblem !== null}
        pending={pending}
        onPause={(queue, paused) =>
          runAction(
            () => actions.setQueuePaused(queue, paused),
            (d) =>
              d.paused
                ? `Queue ${d.queue} paused: its jobs wait until you resume it.`
                : `Queue ${d.queue} resumed: it catches up now.`,
          )
        }
      />

      <WorkerProcesses
        status={status}
        pending={pending}
        onCrash={(pid) =>
          runAction(
            () => actions.crashWorker(pid),
            (d) =>
              `Worker process ${d.obeyedBy} crashed. Its supervisor starts a new one; jobs it held are picked up again within about ${seconds(2 * status.workerLockMs)}.`,
          )
        }
      />
    </div>
  );
}

/** Version, last change, and which processes already see it — the proof a change got everywhere. */
function Propagation({
  status,
  calm,
  queuesPaused,
  problem,
  pending,
  onReset,
}: {
  status: OpsStatus;
  calm: boolean;
  queuesPaused: number;
  problem: string | null;
  pending: boolean;
  onReset: () => void;
}) {
  const reporting = status.processes.filter((p) => p.seenVersion !== null);
  const inStep = reporting.filter((p) => p.seenVersion === status.version);
  const updatedAt = status.updatedAt ? Date.parse(status.updatedAt) : null;
  const reachedAfter = (since: number | null) =>
    updatedAt !== null && since !== null && since >= updatedAt && since - updatedAt < 10_000 ? since - updatedAt : null;
  const slowest =
    inStep.length === reporting.length ? Math.max(...inStep.map((p) => reachedAfter(p.seenSince) ?? -1)) : -1;

  return (
    <section aria-labelledby="propagation" className="card space-y-4 p-4 sm:p-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h2 id="propagation" className="text-xl font-semibold text-roast-900">
            {calm ? 'Everything normal' : 'Things are going wrong on purpose'}
          </h2>
          <p className="text-sm text-roast-700">
            Switches version{' '}
            <span data-testid="switches-version" className="font-mono font-semibold text-roast-950">
              {status.version}
            </span>
            {status.updatedAt ? (
              <>
                , saved at <ClockTime iso={status.updatedAt} precise />
              </>
            ) : (
              ', never changed'
            )}
            {queuesPaused > 0 && `; ${queuesPaused} ${queuesPaused === 1 ? 'queue' : 'queues'} paused`}.
          </p>
          <p className="text-sm text-roast-700" data-testid="propagation">
            {reporting.length === 0
              ? 'No process has reported yet.'
              : inStep.length === reporting.length
                ? `Every process sees version ${status.version}${slowest >= 0 ? ` — the last one ${seconds(slowest)} after it was saved` : ''}.`
                : `${inStep.length} of ${reporting.length} processes see version ${status.version}; the others will within a second.`}
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={onReset} disabled={pending}>
          {pending && <Spinner />}
          Reset everything
        </button>
      </div>
      {(problem || status.redisProblem) && (
        <p role="alert" className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {problem ?? status.redisProblem}
        </p>
      )}
      <ul aria-label="Processes and the switches version each sees" className="flex flex-wrap gap-2">
        {status.processes.map((p) => {
          const current = p.seenVersion === status.version;
          const label = p.role === 'web' && p.pid === status.webPid ? 'web (this page)' : p.role;
          return (
            <li
              key={`${p.role}:${p.pid}`}
              className={`badge px-3 py-1 text-sm ring-1 ${p.seenVersion === null ? 'bg-stone-50 text-stone-700 ring-stone-200' : current ? 'bg-emerald-50 text-emerald-900 ring-emerald-200' : 'bg-amber-50 text-amber-950 ring-amber-300'}`}
            >
              <span aria-hidden="true">{p.seenVersion === null ? '•' : current ? '✓' : '…'}</span>
              {label} <span className="font-mono font-normal">{p.pid}</span>
              <span className="font-normal">
                {p.seenVersion === null
                  ? 'alive, not reporting switches'
                  : current
                    ? `version ${p.seenVersion}`
                    : `still version ${p.seenVersion}`}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
