'use client';
// The interaction lab: one press places one lab order, and two designs put it on screen side by
// side. Both get the same command answer and read the same lagging read model; they differ only in
// what they choose to show. Every state a panel is given to show is recorded with the time since
// the press, and the scoreboard (lib/lab/scoreboard.ts) judges those records against the command's
// answer, so the counts below are measured from what was shown, not assumed.
import { useEffect, useId, useRef, useState } from 'react';
import {
  type LabOutcome,
  type LabPress,
  type LabRender,
  type LabShown,
  finalStateOf,
  score,
} from '@/lib/lab/scoreboard';
import { Spinner } from '../ui/spinner';

type AntiVariant = 'read-after-write' | 'spinner';
type ReadStatus = 'not-found' | 'paid' | 'ready' | 'declined';
interface Answer {
  id: string;
  outcome: LabOutcome;
}

const POLL_MS = 100;

export function LabBench() {
  const [lagS, setLagS] = useState(3);
  const [declinePercent, setDeclinePercent] = useState(0);
  const [variant, setVariant] = useState<AntiVariant>('read-after-write');
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [antiShown, setAntiShown] = useState<LabShown | null>(null);
  const [patternShown, setPatternShown] = useState<LabShown | null>(null);
  const [antiPresses, setAntiPresses] = useState<LabPress[]>([]);
  const [patternPresses, setPatternPresses] = useState<LabPress[]>([]);
  const [runVariant, setRunVariant] = useState<AntiVariant>(variant);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  /** Catches its own failures (they become the problem shown), so a click may let it run unawaited. */
  async function press() {
    setRunning(true);
    setProblem(null);
    setAnswer(null);
    setRunVariant(variant);
    const started = performance.now();
    const since = () => Math.round(performance.now() - started);
    const anti: LabRender[] = [];
    const pattern: LabRender[] = [];
    // This press's record goes in as the last press and is replaced on every change, so the
    // scoreboard is live. It can be judged only once the command has answered.
    const antiIndex = antiPresses.length;
    const patternIndex = patternPresses.length;
    let outcome: LabOutcome | null = null;
    const publish = () => {
      if (!outcome) return;
      const o = outcome;
      setAntiPresses((all) => [...all.slice(0, antiIndex), { outcome: o, renders: [...anti] }]);
      setPatternPresses((all) => [...all.slice(0, patternIndex), { outcome: o, renders: [...pattern] }]);
    };
    const showAnti = (shown: LabShown) => {
      if (anti.at(-1)?.shown === shown) return;
      anti.push({ atMs: since(), shown });
      setAntiShown(shown);
      publish();
    };
    const showPattern = (shown: LabShown) => {
      if (pattern.at(-1)?.shown === shown) return;
      pattern.push({ atMs: since(), shown });
      setPatternShown(shown);
      publish();
    };
    setAntiShown(null);
    setPatternShown(null);
    try {
      // While the command runs, both panels say only that it is running: no claim either way.
      showAnti('nothing');
      showPattern('nothing');
      const placed = await placeOrder(Math.round(lagS * 1000), declinePercent);
      if (!alive.current) return;
      outcome = placed.outcome;
      setAnswer(placed);
      // The pattern shows the command's own answer at once; the anti-pattern ignores it.
      showPattern(placed.outcome);
      const final = finalStateOf(placed.outcome);
      for (;;) {
        const status = await readModel(placed.id);
        if (!alive.current) return;
        if (variant === 'read-after-write' || status === final) showAnti(status);
        // Behind the counter only the barista's news can move the pattern on; until then it keeps the answer.
        if (status === 'ready') showPattern('ready');
        if (status === final) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (caught) {
      if (alive.current) setProblem(caught instanceof Error ? caught.message : 'Something went wrong.');
    } finally {
      if (alive.current) setRunning(false);
    }
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="lab-controls" className="card space-y-4 p-5 sm:p-6">
        <h2 id="lab-controls" className="text-xl font-semibold text-roast-900">
          Settings
        </h2>
        <div className="grid gap-4 sm:grid-cols-2">
          <Slider
            label="Projection lag"
            valueText={`${lagS.toFixed(1)} s`}
            min={0}
            max={10}
            step={0.5}
            value={lagS}
            disabled={running}
            onChange={setLagS}
            description="How long after a fact is committed the read model (the status board both panels read) learns it."
          />
          <Slider
            label="Card decline rate"
            valueText={`${declinePercent} %`}
            min={0}
            max={100}
            step={5}
            value={declinePercent}
            disabled={running}
            onChange={setDeclinePercent}
            description="The failure is the card’s: the payment is declined with this probability. The counter knows at once; the read model only after the lag."
          />
        </div>
        <fieldset disabled={running} className="space-y-1">
          <legend className="font-medium text-roast-900">Design A shows</legend>
          <label className="mr-4 inline-flex items-center gap-2">
            <input
              type="radio"
              name="variant"
              checked={variant === 'read-after-write'}
              onChange={() => setVariant('read-after-write')}
            />
            whatever the read model says right after the command
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="radio" name="variant" checked={variant === 'spinner'} onChange={() => setVariant('spinner')} />
            a spinner until the whole order is done
          </label>
        </fieldset>
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className="btn btn-primary" onClick={() => void press()} disabled={running}>
            {running && <Spinner />}
            Order a flat white in both designs
          </button>
          {answer && (
            <p className="text-sm text-roast-700">
              The command answered <strong>{answer.outcome}</strong> for lab order{' '}
              <span className="font-mono">{answer.id.slice(-8)}</span>.
            </p>
          )}
        </div>
        {problem && (
          <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-red-950">
            {problem}
          </p>
        )}
      </section>

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="anti-heading" className="card space-y-4 border-red-200 p-5 sm:p-6">
          <div>
            <p className="text-xs font-semibold tracking-wider text-red-700 uppercase">Design A · the anti-pattern</p>
            <h2 id="anti-heading" className="text-xl font-semibold text-roast-900">
              {runVariant === 'spinner' ? 'Wait for everything' : 'Read the read model after the command'}
            </h2>
            <p className="mt-1 text-sm text-roast-700">
              {runVariant === 'spinner'
                ? 'The page holds the customer behind a spinner until the read model shows the finished order.'
                : 'The page throws the command’s answer away and asks the read model, re-reading every 0.1 s like a customer pressing reload.'}
            </p>
          </div>
          <div role="status" aria-label="Design A shows" className="min-h-20 rounded-xl border border-roast-200 p-4">
            <AntiView shown={antiShown} />
          </div>
          <Scoreboard presses={antiPresses} label="Design A" />
        </section>

        <section aria-labelledby="pattern-heading" className="card space-y-4 border-emerald-200 p-5 sm:p-6">
          <div>
            <p className="text-xs font-semibold tracking-wider text-emerald-700 uppercase">
              Design B · this app&apos;s pattern
            </p>
            <h2 id="pattern-heading" className="text-xl font-semibold text-roast-900">
              Answer from the command, the rest live
            </h2>
            <p className="mt-1 text-sm text-roast-700">
              The page shows the command&apos;s own answer at once, and what happens behind the counter as news of it
              reaches the read model.
            </p>
          </div>
          <div
            role="status"
            aria-label="Design B shows"
            className="min-h-20 space-y-3 rounded-xl border border-roast-200 p-4"
          >
            <PatternView shown={patternShown} lagS={lagS} />
          </div>
          <Scoreboard presses={patternPresses} label="Design B" />
        </section>
      </div>
    </div>
  );
}

function Slider(props: {
  label: string;
  valueText: string;
  min: number;
  max: number;
  step: number;
  value: number;
  disabled: boolean;
  onChange: (value: number) => void;
  description: string;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-input`} className="block font-medium text-roast-900">
        {props.label}: <span className="tabular-nums">{props.valueText}</span>
      </label>
      <input
        id={`${id}-input`}
        type="range"
        min={props.min}
        max={props.max}
        step={props.step}
        value={props.value}
        aria-valuetext={props.valueText}
        aria-describedby={`${id}-about`}
        disabled={props.disabled}
        onChange={(e) => props.onChange(Number(e.target.value))}
        className="w-full"
      />
      <p id={`${id}-about`} className="text-sm text-roast-600">
        {props.description}
      </p>
    </div>
  );
}

function AntiView({ shown }: { shown: LabShown | null }) {
  switch (shown) {
    case null:
      return <p className="text-roast-600">Press the button to order.</p>;
    case 'nothing':
      return (
        <p className="flex items-center gap-2 font-semibold text-roast-900">
          <Spinner /> Placing your order… please wait
        </p>
      );
    case 'not-found':
      return (
        <>
          <p className="text-lg font-semibold text-red-800">Order not found</p>
          <p className="text-sm text-roast-700">The read model has not heard of the order this page just placed.</p>
        </>
      );
    case 'paid':
    case 'making':
      return <p className="text-lg font-semibold text-roast-900">Paid — your drink is being made</p>;
    case 'ready':
      return <p className="text-lg font-semibold text-emerald-800">Ready — collect your drink</p>;
    case 'declined':
      return <p className="text-lg font-semibold text-red-800">Payment declined</p>;
  }
}

function PatternView({ shown, lagS }: { shown: LabShown | null; lagS: number }) {
  if (shown === null) return <p className="text-roast-600">Press the button to order.</p>;
  if (shown === 'nothing') {
    return (
      <p className="flex items-center gap-2 font-semibold text-roast-900">
        <Spinner /> Paying at the counter…
      </p>
    );
  }
  if (shown === 'declined') {
    return (
      <>
        <p className="text-lg font-semibold text-red-800">Payment declined — nothing charged</p>
        <p className="text-sm text-roast-700">Done while you waited: this answer is final.</p>
      </>
    );
  }
  return (
    <>
      <div>
        <p className="text-xs font-semibold tracking-wider text-roast-500 uppercase">
          At the counter — done while you waited
        </p>
        <p className="text-lg font-semibold text-emerald-800">Paid — this part is finished</p>
      </div>
      <div>
        <p className="text-xs font-semibold tracking-wider text-roast-500 uppercase">Behind the counter — live</p>
        {shown === 'ready' ? (
          <p className="font-semibold text-emerald-800">Ready — collect your drink</p>
        ) : (
          <p className="text-roast-800">
            With the barista — no news yet that it is ready. News from behind the counter reaches this page{' '}
            {lagS > 0 ? `about ${lagS.toFixed(1)} s` : 'moments'} after it happens.
          </p>
        )}
      </div>
    </>
  );
}

function Scoreboard({ presses, label }: { presses: readonly LabPress[]; label: string }) {
  const s = score(presses);
  const key = label === 'Design A' ? 'anti' : 'pattern';
  return (
    <dl aria-label={`${label} score`} className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="text-roast-600">Read-your-writes violations</dt>
      <dd className="font-semibold tabular-nums" data-testid={`${key}-violations`}>
        {s.violations} of {s.presses} {s.presses === 1 ? 'order' : 'orders'}
      </dd>
      <dt className="text-roast-600">Time to truth (last · median)</dt>
      <dd className="tabular-nums" data-testid={`${key}-time-to-truth`}>
        {seconds(s.lastTimeToTruthMs)} · {seconds(s.medianTimeToTruthMs)}
      </dd>
      <dt className="text-roast-600">Final state shown after (last · median)</dt>
      <dd className="tabular-nums">
        {seconds(s.lastTimeToFinalMs)} · {seconds(s.medianTimeToFinalMs)}
      </dd>
    </dl>
  );
}

const seconds = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(2)} s`);

async function placeOrder(lagMs: number, declinePercent: number): Promise<Answer> {
  const response = await fetch('/api/lab/orders', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ lagMs, declinePercent }),
  });
  const body = (await response.json().catch(() => null)) as { order?: Answer; error?: { message?: string } } | null;
  if (!response.ok || !body?.order)
    throw new Error(body?.error?.message ?? `The lab could not place the order (${response.status}).`);
  return body.order;
}

async function readModel(id: string): Promise<ReadStatus> {
  const response = await fetch(`/api/lab/orders/${id}`, { cache: 'no-store' });
  const body = (await response.json().catch(() => null)) as {
    status?: ReadStatus;
    error?: { message?: string };
  } | null;
  if (!response.ok || !body?.status)
    throw new Error(body?.error?.message ?? `The lab could not read the order (${response.status}).`);
  return body.status;
}
