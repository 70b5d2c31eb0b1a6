// The web server's start-up check (instrumentation.ts calls it once, in the Node.js runtime,
// before the first request): a production server with unsafe staff settings stops here with the
// reason — no SESSION_SECRET, a malformed or public-password STAFF_ACCOUNTS (config() refuses
// those in every process), or only the public demo accounts without ALLOW_DEMO_CREDENTIALS=1 —
// not at the first sign-in hours later. Exiting is deliberate: an error thrown from Next's
// register hook is not guaranteed to stop the server.
import { config, productionWebProblems } from '../config';

export function refuseUnsafeStart(): void {
  let problems: string[];
  try {
    problems = productionWebProblems(config());
  } catch (error) {
    problems = [error instanceof Error ? error.message : String(error)];
  }
  if (problems.length === 0) {
    if (config().ALLOW_DEMO_CREDENTIALS && config().NODE_ENV === 'production') {
      console.warn('[web] ALLOW_DEMO_CREDENTIALS=1: the public demo staff accounts may sign in. Never on a real shop.');
    }
    return;
  }
  console.error(`[web] refusing to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
