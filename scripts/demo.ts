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
  waitForHealthy,
} from './lib/stack';

const log = (line: string) => console.log(`[demo] ${line}`);

async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 3000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.DATABASE_URL ?? DEFAULTS.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL ?? DEFAULTS.REDIS_URL,
    NODE_ENV: 'production',
  };

  log('checking PostgreSQL and Redis…');
  await checkServices(env);
  log('applying migrations and seeding the menu and the catalogue…');
  await prepareDatabase(env);
  await buildIfStale(env, log);

  const procs: Proc[] = [startWeb(port, env), startRelay(env), startWorkers(env)];
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    await Promise.all(procs.map((p) => p.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  for (const p of procs) {
    p.child.once('exit', (code) => {
      if (!stopping) {
        log(`${p.name} exited (code ${code}); stopping the demo`);
        void stop();
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
  log(`  restock a book  curl -X POST ${url}/api/books/<book id>/restock -H 'content-type: application/json' -d '{"quantity":3}'`);
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
