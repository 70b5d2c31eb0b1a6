// `npm run bench [-- --quick | --full | --smoke]`: starts the shop (production build, web, relay,
// workers), measures each figure next to its baseline in the same run, prints a table, and
// writes the figures as JSON. The last line printed is the JSON file's path.
//
// The machine is shared and noisy: compare the ratios, which are measured seconds apart.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PrerequisiteError, ROOT } from '../lib/stack';
import { type AnsweringRow, measureAnswering } from './answering';
import { type CatchingUp, measureCatchingUp } from './catching-up';
import { growTo } from './growth';
import { type Reserving, measureReserving } from './reserving';
import { openShop, peakMemory, waitUntilQuiet } from './shop';
import { type TellingRow, measureTelling } from './telling';
import { printReport } from './report';

type Mode = 'smoke' | 'quick' | 'full';

interface Plan {
  concurrencies: number[];
  answerSeconds: number;
  backlog: number;
  streams: number[];
  tellSeconds: number;
  /** Database sizes for the growth figures; the first is measured before everything else. */
  growth: number[];
  growthAnswerSeconds: number;
  growthBacklog: number;
  /** Concurrent bookstore checkouts for the contention figure. */
  checkouts: number;
}

const PLANS: Record<Mode, Plan> = {
  smoke: {
    concurrencies: [8],
    answerSeconds: 2,
    backlog: 100,
    streams: [10],
    tellSeconds: 3,
    growth: [],
    growthAnswerSeconds: 2,
    growthBacklog: 50,
    checkouts: 16,
  },
  quick: {
    concurrencies: [1, 8, 32],
    answerSeconds: 2,
    backlog: 5_000,
    streams: [100, 1_000],
    tellSeconds: 5,
    growth: [1_000, 100_000],
    growthAnswerSeconds: 2,
    growthBacklog: 500,
    checkouts: 64,
  },
  full: {
    concurrencies: [1, 8, 32],
    answerSeconds: 15,
    backlog: 20_000,
    streams: [100, 1_000],
    tellSeconds: 20,
    growth: [1_000, 100_000, 1_000_000],
    growthAnswerSeconds: 10,
    growthBacklog: 5_000,
    checkouts: 64,
  },
};

export interface GrowthPoint {
  orders: number;
  answering: AnsweringRow;
  catchingUp: CatchingUp;
}

export interface BenchResult {
  mode: Mode;
  startedAt: string;
  seconds: number;
  machine: { cpus: number; node: string };
  answering: AnsweringRow[];
  catchingUp: CatchingUp;
  telling: TellingRow[];
  memoryMb: Record<'web' | 'relay' | 'workers', number>;
  growth: GrowthPoint[];
  reserving: Reserving;
}

/** Failed requests or empty figures mean the run measured nothing; the smoke run in CI relies on this. */
function sanityProblems(r: BenchResult): string[] {
  const problems: string[] = [];
  for (const a of r.answering) {
    if (a.app.requests === 0 || a.noop.requests === 0 || a.sql.requests === 0)
      problems.push(`no requests answered at concurrency ${a.concurrency}`);
    if (a.app.errors + a.noop.errors + a.sql.errors + (a.appQueuesPaused?.errors ?? 0) > 0)
      problems.push(`errors at concurrency ${a.concurrency}`);
    if (a.appQueuesPaused?.requests === 0) problems.push('no requests answered with the queues paused');
  }
  if (!(r.catchingUp.ordersPerSecond > 0 && r.catchingUp.noopJobsPerSecond > 0 && r.catchingUp.rawSqlOrdersPerSecond > 0))
    problems.push('catching up measured nothing');
  for (const t of r.telling) if (t.app.events === 0 || t.redisHop.events === 0) problems.push(`no events with ${t.streams} streams`);
  if (r.reserving.errors > 0) problems.push(`${r.reserving.errors} bookstore checkouts failed`);
  if (!(r.reserving.hot.reservedMs > 0 && r.reserving.spread.reservedMs > 0)) problems.push('reserving measured nothing');
  if (!(r.memoryMb.web > 0 && r.memoryMb.relay > 0 && r.memoryMb.workers > 0)) problems.push('memory not sampled');
  return problems;
}

function modeFromArgs(): Mode {
  const args = process.argv.slice(2);
  if (args.includes('--smoke')) return 'smoke';
  if (args.includes('--full')) return 'full';
  return 'quick';
}

async function main(): Promise<void> {
  const mode = modeFromArgs();
  // --backlog=N: another catching-up backlog (say, a smoke run long enough to profile).
  const backlogArg = process.argv.find((a) => a.startsWith('--backlog='));
  const plan = { ...PLANS[mode], ...(backlogArg ? { backlog: Number(backlogArg.split('=')[1]) } : {}) };
  const started = performance.now();
  const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)}s`;
  const progress = (line: string) => process.stdout.write(`[bench ${elapsed()}] ${line}\n`);
  progress(`mode: ${mode}`);

  const shop = await openShop(progress);
  try {
    const settle = () => waitUntilQuiet(shop);
    const growthPoint = async (orders: number): Promise<GrowthPoint> => {
      await growTo(shop.pool, orders, progress);
      const [answering] = await measureAnswering(shop, [8], plan.growthAnswerSeconds, settle, progress);
      const catchingUp = await measureCatchingUp(shop, plan.growthBacklog, progress);
      return { orders, answering: answering!, catchingUp };
    };

    // A cold server answers its first requests far slower than a warm one; the first growth
    // point must not be measured against a cold start.
    progress('warming up (orders placed and carried through, untimed)');
    await measureAnswering(shop, [8], plan.answerSeconds * 2, settle, () => undefined);
    await measureCatchingUp(shop, Math.min(plan.growthBacklog, 500), () => undefined);

    const growth: GrowthPoint[] = [];
    const [smallest, ...larger] = plan.growth;
    if (smallest !== undefined) growth.push(await growthPoint(smallest));

    const answering = await measureAnswering(shop, plan.concurrencies, plan.answerSeconds, settle, progress);
    const catchingUp = await measureCatchingUp(shop, plan.backlog, progress);
    const telling = await measureTelling(shop, plan.streams, plan.tellSeconds, progress);
    const reserving = await measureReserving(shop, plan.checkouts, progress);
    for (const size of larger) growth.push(await growthPoint(size));

    const result: BenchResult = {
      mode,
      startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
      seconds: Math.round((performance.now() - started) / 1000),
      machine: { cpus: (await import('node:os')).availableParallelism(), node: process.version },
      answering,
      catchingUp,
      telling,
      memoryMb: peakMemory(shop),
      growth,
      reserving,
    };
    printReport(result);
    const problems = sanityProblems(result);
    if (problems.length) throw new Error(`the benchmark did not measure what it should:\n  ${problems.join('\n  ')}`);
    const dir = path.join(ROOT, 'bench-results');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `bench-${mode}-${result.startedAt.replace(/[:.]/g, '-')}.json`);
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
    process.stdout.write(`${file}\n`);
  } finally {
    await shop.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof PrerequisiteError) console.error(`\nCannot run the benchmark:\n${error.message}\n`);
  else console.error(error);
  process.exit(1);
});
