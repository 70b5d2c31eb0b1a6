// npm run test:faults — the fault suite. On a PostgreSQL and a Redis of its own (own ports, own
// data, killed and restarted at will), it runs the shop's real processes, puts customers on them
// over HTTP, and injects one fault per scenario: processes killed with SIGKILL, Redis losing all
// its data, PostgreSQL restarting, duplicate submits, a race for the last copy, poison messages, a
// backlog. After each it waits for the shop to settle (with a deadline) and checks the invariants
// (scripts/faults/invariants.ts). It prints a table, writes it as markdown under bench-results/,
// and exits non-zero if any scenario failed.
//
// Run it alone on the machine's heavy-work lock when others share it:
//   flock /tmp/cs-heavy.lock npm run test:faults
// Options: --only <text> (scenarios whose name contains it), --verbose (the shop's own log lines).
// Ports: FAULTS_PG_PORT (55432), FAULTS_REDIS_PORT (56379), FAULTS_WEB_PORT (3470).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../lib/stack';
import { type CheckContext, type Findings, type Offence, answersMatchRecords, runChecks, seededStock } from './invariants';
import type { Recorder } from './load';
import { SCENARIOS, type Scenario, type ScenarioContext } from './scenarios';
import { selfCheck } from './self-check';
import { type OwnPostgres, type OwnRedis, startOwnPostgres, startOwnRedis } from './servers';
import { PAYMENT_TIMEOUT_MS, QUEUE_PREFIX, type Shop, openShop } from './shop';

/** How long the shop has to settle after a scenario before what is still wrong counts. */
const QUIESCE_DEADLINE_MS = 45_000;
const GRACE_MS = 3_000;

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const verbose = args.includes('--verbose');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0).padStart(3)} s`;
const log = (line: string) => console.log(`[faults ${elapsed()}] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Row {
  scenario: string;
  placed: number;
  answers: ReturnType<Recorder['counts']> & { lost: number; unanswered: number };
  /** null: did not settle by the deadline; undefined: nothing to settle (the self-check). */
  quiesceMs?: number | null;
  failed: { check: string; offences: Offence[] }[];
  httpProblems: string[];
  note?: string;
  pass: boolean;
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} timed out`)), ms))]);
}

/** Work still in hand: unpublished rows, unpaid orders, jobs waiting, running or retrying. */
async function busy(shop: Shop): Promise<number> {
  const { rows } = await shop.pool.query<{ n: number }>(
    `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)
          + (SELECT count(*) FROM orders WHERE status = 'payment_pending') AS n`,
  );
  let n = Number(rows[0]!.n);
  for (const q of shop.queues.values()) {
    const counts = await withTimeout(q.getJobCounts('wait', 'active', 'delayed', 'prioritized', 'waiting-children'), 2_000, 'queue counts');
    n += Object.values(counts).reduce((a, b) => a + b, 0);
  }
  return n;
}

/**
 * Whose is an offending row: the scenario's if it concerns one of its customers, or — for rows
 * that concern no customer (stock, the ledger, poison) — if no earlier scenario reported it.
 */
function attribute(findings: Findings, mine: Set<string>, reported: Set<string>) {
  const failed: { check: string; offences: Offence[] }[] = [];
  for (const [check, offences] of findings) {
    const ours = offences.filter((o) => (o.customerId ? mine.has(o.customerId) : !reported.has(`${check}|${o.key}`)));
    if (ours.length) failed.push({ check, offences: ours });
  }
  return failed;
}

async function settle(shop: Shop, checkCtx: CheckContext, judge: (f: Findings) => { check: string; offences: Offence[] }[]) {
  const from = Date.now();
  let failed: { check: string; offences: Offence[] }[] = [];
  for (;;) {
    let work = -1;
    try {
      work = await busy(shop);
    } catch {
      // Redis or PostgreSQL still coming back: not settled yet
    }
    failed = judge(await runChecks(checkCtx));
    if (work === 0 && failed.length === 0) return { quiesceMs: Date.now() - from, failed };
    if (Date.now() - from > QUIESCE_DEADLINE_MS) {
      if (work !== 0)
        failed.push({
          check: 'settles in time',
          offences: [
            {
              key: 'busy',
              customerId: null,
              detail: `${work < 0 ? 'unknown' : work} items of work still in hand after ${QUIESCE_DEADLINE_MS / 1000} s`,
            },
          ],
        });
      return { quiesceMs: null, failed };
    }
    await sleep(1_000);
  }
}

async function runScenario(scenario: Scenario, ctx: ScenarioContext, checkCtx: CheckContext, reported: Set<string>): Promise<Row> {
  log(`▶ ${scenario.name}: load, fault, load`);
  const played = await scenario.play(ctx);
  const mine = new Set(played.customers.map((c) => c.id).filter((id): id is string => !!id));
  log(`  ${played.recorder.placed} orders answered; waiting for the shop to settle (at most ${QUIESCE_DEADLINE_MS / 1000} s)`);
  const { quiesceMs, failed } = await settle(ctx.shop, checkCtx, (f) => attribute(f, mine, reported));
  const told = await answersMatchRecords(ctx.shop.pool, played.recorder.finals).catch((error: unknown) => [
    { key: 'answers', customerId: null, detail: String(error) },
  ]);
  if (told.length) failed.push({ check: 'answers match the records', offences: told });
  if (played.verify) {
    const extra = await played.verify().catch((error: unknown) => [{ key: 'verify', customerId: null, detail: String(error) }]);
    if (extra.length) failed.push({ check: 'scenario checks', offences: extra });
  }
  for (const f of failed) for (const o of f.offences) reported.add(`${f.check}|${o.key}`);

  const r = played.recorder;
  const httpProblems = [...r.problems];
  const answers = { ...r.counts(), lost: r.lostConnections, unanswered: r.unanswered };
  const pass = failed.length === 0 && httpProblems.length === 0;
  log(`  ${pass ? 'PASS' : 'FAIL'} — settled ${quiesceMs === null ? 'never (deadline)' : `in ${(quiesceMs / 1000).toFixed(1)} s`}`);
  for (const f of failed) {
    log(
      `    ✗ ${f.check}: ${f.offences.length} row(s), e.g. ${f.offences
        .slice(0, 3)
        .map((o) => o.detail)
        .join(' | ')}`,
    );
  }
  for (const p of httpProblems.slice(0, 5)) log(`    ✗ HTTP: ${p}`);
  return { scenario: scenario.name, placed: r.placed, answers, quiesceMs, failed, httpProblems, note: played.note, pass };
}

// --- the table ----------------------------------------------------------------------------------

const HEADER = ['scenario', 'orders placed', 'HTTP answers 2xx/4xx/503/500 (dropped)', 'time to quiesce', 'invariants', 'verdict'];

function cells(row: Row): string[] {
  const a = row.answers;
  const failedNames = [
    ...row.failed.map((f) => `${f.check} (${f.offences.length})`),
    ...(row.httpProblems.length ? [`HTTP (${row.httpProblems.length})`] : []),
  ];
  return [
    row.note ? `${row.scenario} — ${row.note}` : row.scenario,
    String(row.placed),
    row.answers.ok2xx + row.answers.client4xx + row.answers.unavailable503 + row.answers.server5xx + row.answers.lost === 0
      ? '—'
      : `${a.ok2xx}/${a.client4xx}/${a.unavailable503}/${a.server5xx}${a.lost ? ` (${a.lost})` : ''}`,
    row.quiesceMs === undefined
      ? '—'
      : row.quiesceMs === null
        ? `> ${QUIESCE_DEADLINE_MS / 1000} s`
        : `${(row.quiesceMs / 1000).toFixed(1)} s`,
    failedNames.length ? `failed: ${failedNames.join('; ')}` : 'pass',
    row.pass ? 'PASS' : 'FAIL',
  ];
}

function markdown(rows: Row[], seconds: number): string {
  const line = (c: string[]) => `| ${c.map((x) => x.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [
    `Fault suite, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, ${seconds.toFixed(0)} s in all, ${rows.filter((r) => r.pass).length} of ${rows.length} passed.`,
    '',
    line(HEADER),
    line(HEADER.map(() => '---')),
    ...rows.map((r) => line(cells(r))),
    '',
  ].join('\n');
}

function printTable(rows: Row[]): void {
  const all = [HEADER, ...rows.map(cells)];
  const widths = HEADER.map((_, i) => Math.min(70, Math.max(...all.map((r) => r[i]!.length))));
  const fmt = (r: string[]) =>
    r.map((c, i) => (c.length > widths[i]! ? `${c.slice(0, widths[i]! - 1)}…` : c.padEnd(widths[i]!))).join('  ');
  console.log(`\n${fmt(HEADER)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const r of all.slice(1)) console.log(fmt(r));
}

// --- main ------------------------------------------------------------------------------------------

/** bench-results/faults-<time>: .md for the table, .log for what the shop's processes wrote. */
const resultsDir = path.join(ROOT, 'bench-results');
mkdirSync(resultsDir, { recursive: true });
const resultsStem = path.join(resultsDir, `faults-${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}`);

let pg: OwnPostgres | undefined;
let redis: OwnRedis | undefined;
let shop: Shop | undefined;
let stopping: Promise<void> | undefined;

function tearDown(): Promise<void> {
  stopping ??= (async () => {
    await shop?.stop().catch(() => {});
    await redis?.stop().catch(() => {});
    await pg?.stop().catch(() => {});
  })();
  return stopping;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping the shop and the suite's servers`);
    void tearDown().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const scenarios = SCENARIOS.filter((s) => !only || s.name.toLowerCase().includes(only.toLowerCase()));
  if (!scenarios.length) throw new Error(`no scenario matches --only ${only}`);
  log(`starting its own PostgreSQL and Redis`);
  pg = await startOwnPostgres(Number(process.env.FAULTS_PG_PORT ?? 55432), log);
  redis = await startOwnRedis(Number(process.env.FAULTS_REDIS_PORT ?? 56379), log);
  shop = await openShop({ pg, redis }, Number(process.env.FAULTS_WEB_PORT ?? 3470), log, { logFile: `${resultsStem}.log`, verbose });
  log(`the shop is up at ${shop.baseUrl} (queue prefix ${QUEUE_PREFIX})`);

  const checkCtx: CheckContext = {
    pool: shop.pool,
    seededStock: await seededStock(shop.pool),
    graceMs: GRACE_MS,
    paymentTimeoutMs: PAYMENT_TIMEOUT_MS,
  };
  const ctx: ScenarioContext = { shop, pg, redis, log };
  const reported = new Set<string>();
  const rows: Row[] = [];
  for (const scenario of scenarios) {
    try {
      rows.push(await runScenario(scenario, ctx, checkCtx, reported));
    } catch (error) {
      log(`  FAIL — the scenario itself broke: ${error instanceof Error ? error.stack : String(error)}`);
      rows.push({
        scenario: scenario.name,
        placed: 0,
        answers: { ok2xx: 0, client4xx: 0, unavailable503: 0, server5xx: 0, lost: 0, unanswered: 0 },
        quiesceMs: null,
        failed: [{ check: 'scenario ran', offences: [{ key: 'error', customerId: null, detail: String(error) }] }],
        httpProblems: [],
        pass: false,
      });
    }
  }

  // Everything again over the whole database: what settled late, or came undone after its scenario.
  log('▶ final sweep over the whole database');
  const final = await settle(shop, checkCtx, (f) => [...f].filter(([, o]) => o.length).map(([check, offences]) => ({ check, offences })));
  const finalRow: Row = {
    scenario: 'final sweep (all scenarios)',
    placed: rows.reduce((s, r) => s + r.placed, 0),
    answers: rows.reduce(
      (s, r) => ({
        ok2xx: s.ok2xx + r.answers.ok2xx,
        client4xx: s.client4xx + r.answers.client4xx,
        unavailable503: s.unavailable503 + r.answers.unavailable503,
        server5xx: s.server5xx + r.answers.server5xx,
        lost: s.lost + r.answers.lost,
        unanswered: s.unanswered + r.answers.unanswered,
      }),
      { ok2xx: 0, client4xx: 0, unavailable503: 0, server5xx: 0, lost: 0, unanswered: 0 },
    ),
    quiesceMs: final.quiesceMs,
    failed: final.failed,
    httpProblems: rows.flatMap((r) => r.httpProblems),
    pass: final.failed.length === 0,
  };
  for (const f of final.failed)
    log(
      `    ✗ ${f.check}: ${f.offences.length} row(s), e.g. ${f.offences
        .slice(0, 3)
        .map((o) => o.detail)
        .join(' | ')}`,
    );
  rows.push(finalRow);

  log('▶ self-check: each invariant shown a fault of its kind (planted, then rolled back)');
  const self = await selfCheck(shop.pool, { seededStock: checkCtx.seededStock, graceMs: GRACE_MS, paymentTimeoutMs: PAYMENT_TIMEOUT_MS });
  for (const name of self.missed) log(`    ✗ did not catch its planted fault: ${name}`);
  for (const name of self.notExercised) log(`    – not exercised: ${name}`);
  rows.push({
    scenario: 'self-check (a planted fault per invariant)',
    placed: 0,
    answers: { ok2xx: 0, client4xx: 0, unavailable503: 0, server5xx: 0, lost: 0, unanswered: 0 },
    failed: self.missed.length ? [{ check: 'missed', offences: self.missed.map((m) => ({ key: m, customerId: null, detail: m })) }] : [],
    httpProblems: [],
    note: `${self.caught.length} of ${self.caught.length + self.missed.length + self.notExercised.length} caught${self.notExercised.length ? `, ${self.notExercised.length} not exercised` : ''}`,
    pass: self.missed.length === 0,
  });

  const seconds = (Date.now() - started) / 1000;
  printTable(rows);
  const file = `${resultsStem}.md`;
  writeFileSync(file, markdown(rows, seconds));
  const failedCount = rows.filter((r) => !r.pass).length;
  console.log(`\n${rows.length - failedCount} of ${rows.length} passed in ${seconds.toFixed(0)} s`);
  console.log(`table: ${path.relative(ROOT, file)}; the shop's own log: ${path.relative(ROOT, `${resultsStem}.log`)}`);
  return failedCount ? 1 : 0;
}

main()
  .then(async (code) => {
    await tearDown();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(`\nThe fault suite could not run: ${error instanceof Error ? error.stack : String(error)}\n`);
    await tearDown();
    process.exit(2);
  });
