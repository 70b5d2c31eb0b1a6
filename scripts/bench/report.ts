// The benchmark's table: each figure beside its baseline, the ratio, and the target it is held to.
import type { AnsweringRow } from './answering';
import type { BenchResult } from './main';
import type { CpuSplit } from './shop';

const f0 = (n: number) => n.toFixed(0);
const f1 = (n: number) => n.toFixed(1);
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

function table(title: string, header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  process.stdout.write(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n`);
  for (const r of rows) process.stdout.write(`${line(r)}\n`);
}

function printCpu(at8: AnsweringRow, cpus: number): void {
  if (!at8.cpu || !at8.appQueuesPaused) return;
  const { noop, appQueuesPaused: app } = at8.cpu;
  const appRps = at8.appQueuesPaused.rps;
  const row = (label: string, pick: (c: CpuSplit) => number) => [label, f1(pick(noop)), f1(pick(app))];
  const named = (c: CpuSplit) => c.web + c.relay + c.workers + c.load + c.postgres + c.redis;
  table(
    `   CPU per answered request at concurrency 8, ms (${cpus} CPUs: ${cpus * 1000} ms of CPU each second)`,
    ['   process', 'no-op', 'checkout, queues paused'],
    [
      row('   web', (c) => c.web),
      row('   relay', (c) => c.relay),
      row('   workers', (c) => c.workers),
      row('   load generator', (c) => c.load),
      row('   PostgreSQL', (c) => c.postgres),
      row('   Redis', (c) => c.redis),
      row('   kernel and the rest', (c) => c.machine - named(c)),
      row('   whole machine', (c) => c.machine),
      row('   stolen by the host (not counted above)', (c) => c.stolen),
    ],
  );
  // Upper bounds at these costs per request: every CPU of the machine busy with checkouts, or the
  // web process as busy as the no-op kept it (its limit: one JavaScript thread, plus its helpers).
  const noopRps = at8.noop.rps;
  const machineCeiling = (cpus * 1000) / app.machine;
  const webBusy = noop.web * noopRps;
  const webCeiling = webBusy / app.web;
  const wanted = 0.7 * noopRps;
  process.stdout.write(
    `   the checkout costs ${f1(app.web / noop.web)}× the no-op's CPU in the web process, ${f1(app.machine / noop.machine)}× on the whole machine\n` +
      `   ceilings at these costs: the whole machine ${f0(machineCeiling)} checkouts/s (${pct(machineCeiling / noopRps)} of the no-op), ` +
      `the web process as busy as under the no-op (${f0(webBusy)} ms of CPU a second) ${f0(webCeiling)}/s (${pct(webCeiling / noopRps)}); measured ${f0(appRps)}/s\n` +
      `   70% of the no-op (${f0(wanted)}/s) would need at most ${f1((cpus * 1000) / wanted)} ms per checkout on the whole machine and ${f1(webBusy / wanted)} ms in the web process\n`,
  );
}

export function printReport(r: BenchResult): void {
  process.stdout.write(`\n=== Counter & Shelf benchmark (${r.mode}, ${r.seconds} s, ${r.machine.cpus} CPUs, Node ${r.machine.node}) ===\n`);

  table(
    '1. Answering the customer: POST /api/coffee/orders (approved card, no card latency)',
    [
      'concurrency',
      'app req/s',
      'p50 ms',
      'p99 ms',
      'no-op req/s',
      'p50',
      'p99',
      'raw SQL/s',
      'p50',
      'p99',
      'app÷no-op',
      'app÷SQL',
      'p99÷no-op',
      'errors',
    ],
    r.answering.map((a) => [
      String(a.concurrency),
      f0(a.app.rps),
      f1(a.app.p50),
      f1(a.app.p99),
      f0(a.noop.rps),
      f1(a.noop.p50),
      f1(a.noop.p99),
      f0(a.sql.rps),
      f1(a.sql.p50),
      f1(a.sql.p99),
      pct(a.app.rps / a.noop.rps),
      pct(a.app.rps / a.sql.rps),
      f1(a.app.p99 / a.noop.p99),
      String(a.app.errors + a.noop.errors + a.sql.errors),
    ]),
  );
  const at8 = r.answering.find((a) => a.concurrency === 8);
  if (at8) {
    const paused = at8.appQueuesPaused;
    if (paused) {
      const ratio = paused.rps / at8.noop.rps;
      process.stdout.write(
        `   answering at concurrency 8, queues paused: app ${f0(paused.rps)} req/s (p50 ${f1(paused.p50)} ms, p99 ${f1(paused.p99)} ms) — ` +
          `no-op ${f0(at8.noop.rps)} req/s — raw SQL ${f0(at8.sql.rps)}/s — ratio ${pct(ratio)} of no-op, ${pct(paused.rps / at8.sql.rps)} of SQL — ` +
          `target ≥ 70% (${verdict(ratio >= 0.7)}); p99 ${f1(paused.p99 / at8.noop.p99)}× no-op\n`,
      );
    }
    process.stdout.write(
      `   answering at concurrency 8, queues running: ${pct(at8.app.rps / at8.noop.rps)} of no-op, p99 ${f1(at8.app.p99 / at8.noop.p99)}× no-op (no target: the workers share the two cores)\n`,
    );
    printCpu(at8, r.machine.cpus);
  }

  const c = r.catchingUp;
  table(
    '2. Catching up: paid → ready (no preparation time), backlog drained by one worker process',
    ['backlog', 'seconds', 'orders/s', 'raw SQL orders/s', 'app÷SQL', 'no-op jobs/s', 'app÷no-op'],
    [
      [
        String(c.backlog),
        f1(c.seconds),
        f0(c.ordersPerSecond),
        f0(c.rawSqlOrdersPerSecond),
        pct(c.ordersPerSecond / c.rawSqlOrdersPerSecond),
        f0(c.noopJobsPerSecond),
        pct(c.ordersPerSecond / c.noopJobsPerSecond),
      ],
    ],
  );
  const sqlRatio = c.ordersPerSecond / c.rawSqlOrdersPerSecond;
  process.stdout.write(
    `   catching up: app ${f0(c.ordersPerSecond)} orders/s — raw SQL ${f0(c.rawSqlOrdersPerSecond)} orders/s — ratio ${pct(sqlRatio)} — target ≥ 50% (${verdict(sqlRatio >= 0.5)})\n`,
  );

  table(
    "3. Telling the customer: a worker's commit → the event at an SSE client",
    ['open streams', 'events', 'p50 ms', 'p99 ms', 'max ms', 'Redis hop p50', 'p99', 'target p99'],
    r.telling.map((t) => {
      const target = t.streams <= 100 ? 50 : 150;
      return [
        String(t.streams),
        String(t.app.events),
        f1(t.app.p50),
        f1(t.app.p99),
        f1(t.app.max),
        f1(t.redisHop.p50),
        f1(t.redisHop.p99),
        `≤ ${target} (${verdict(t.app.p99 <= target)})`,
      ];
    }),
  );

  const m = r.memoryMb;
  table(
    '4. Memory: peak resident (VmHWM) during the run',
    ['process', 'MB', 'target'],
    [
      ['web', f0(m.web), `≤ 300 (${verdict(m.web <= 300)})`],
      ['relay', f0(m.relay), `≤ 150 (${verdict(m.relay <= 150)})`],
      ['workers', f0(m.workers), `≤ 150 (${verdict(m.workers <= 150)})`],
    ],
  );

  if (r.growth.length) {
    const base = r.growth[0]!;
    table(
      '5. Growth: the same figures with history in the database (ratios against the first row)',
      ['orders in db', 'answer req/s', 'p99 ms', 'vs first', 'catch-up orders/s', 'vs first'],
      r.growth.map((g) => [
        g.orders.toLocaleString('en-US'),
        f0(g.answering.app.rps),
        f1(g.answering.app.p99),
        pct(g.answering.app.rps / base.answering.app.rps),
        f0(g.catchingUp.ordersPerSecond),
        pct(g.catchingUp.ordersPerSecond / base.catchingUp.ordersPerSecond),
      ]),
    );
    process.stdout.write('   target: at 100,000 orders, within 10% of the 1,000-order figures\n');
  }

  const v = r.reserving;
  table(
    `6. Reserving under contention (bookstore): ${v.customers} checkouts at once, first sent → last line reserved`,
    ['books wanted', 'all answered ms', 'all reserved ms', 'vs spread'],
    [
      ['one (hot)', f0(v.hot.answeredMs), f0(v.hot.reservedMs), `${f1(v.hot.reservedMs / v.spread.reservedMs)}×`],
      ['all different', f0(v.spread.answeredMs), f0(v.spread.reservedMs), '1.0×'],
    ],
  );
  process.stdout.write('   no target: the ratio is what version conflicts on one inventory cost (no copy is ever oversold)\n');
  process.stdout.write('\n');
}
