// `npm run demo`: migrations, seed, production build, then the web server, the outbox relay and
// a worker process together, until Ctrl-C. PORT (default 3000), DATABASE_URL and REDIS_URL are
// honoured; every other setting is in lib/config.ts.
import {
  DEFAULTS,
  PrerequisiteError,
  type Proc,
  buildIfStale,
  checkServices,
  prepareDatabase,
  startRelay,
  startWeb,
  startWorkers,
  supervise,
  waitForHealthy,
} from './lib/stack';
import { demoStaffEnv, staffSignInLines } from './lib/demo-credentials';

const log = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? DEFAULTS.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL ?? DEFAULTS.REDIS_URL,
    NODE_ENV: 'production',
  };
  // A production build, so it needs a session secret (made up for this run unless SESSION_SECRET
  // is set) and explicit leave to use the public demo staff accounts (unless STAFF_ACCOUNTS is set).
  Object.assign(env, demoStaffEnv(env));
  if (env.ALLOW_DEMO_CREDENTIALS === '1') log('warning: signing in with the public demo staff accounts (ALLOW_DEMO_CREDENTIALS=1)');

  log('checking PostgreSQL and Redis…');
  await checkServices(env);
  log('applying migrations and seeding the menu and the catalogue…');
  await prepareDatabase(env);
  await buildIfStale(env, log);

  // The web server and the relay are one of a kind here: if either stops, so does the demo. The
  // worker process is supervised — restarted when it dies (the ops page can crash it on purpose)
  // — unless it keeps dying.
  const essential: Proc[] = [startWeb(port, env), startRelay(env)];
  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all([...essential.map((p) => p.stop()), workers.stop()]);
    process.exit(code);
  };
  const workers = supervise(() => startWorkers(env), {
    log,
    onGiveUp: () => {
      log('the worker process keeps dying; stopping the demo');
      void stop(1);
    },
  });
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const p of essential) {
    p.child.once('exit', (code) => {
      if (!stopping) {
        log(`${p.name} exited (code ${code}); stopping the demo`);
        void stop(1);
      }
    });
  }

  const url = `http://localhost:${port}`;
  await waitForHealthy(`http://127.0.0.1:${port}`);
  log('');
  log(`Counter & Shelf is open: ${url}`);
  log(`  coffee counter  ${url}/coffee`);
  log(`  barista board   ${url}/barista`);
  log(`  bookstore       ${url}/books  (cart ${url}/cart, mail ${url}/inbox)`);
  log(
    `  restock a book  (ops) curl -c jar -H 'content-type: application/json' -d '{"name":"Olu","password":"<ops password>"}' ${url}/api/staff/session`,
  );
  log(`                  then curl -b jar -H 'content-type: application/json' -d '{"quantity":3}' ${url}/api/books/<book id>/restock`);
  const [first, ...rest] = staffSignInLines(env);
  log(`  staff sign-in   ${url}/staff/login  ${first}`);
  for (const line of rest) log(`                                      ${line}`);
  log(`  ops             ${url}/ops/failures  (failure switches; queues at ${url}/ops/queues)`);
  log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  if (error instanceof PrerequisiteError) {
    console.error(`\nCannot start the demo:\n${error.message}\n`);
  } else {
    console.error(`\nThe demo could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exit(1);
});
