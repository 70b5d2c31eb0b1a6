// Runs once when a Next.js server starts, before it takes a request (Next's `register` hook). A
// production server with unsafe settings stops here, at start-up, with the reason — not at the
// first sign-in hours later: no SESSION_SECRET, a malformed or public-password STAFF_ACCOUNTS
// (config() refuses those in every process), or only the public demo accounts without
// ALLOW_DEMO_CREDENTIALS=1 (see lib/config.ts). Exiting is deliberate: a thrown error here would
// only be logged while the server went on to serve.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config, productionWebProblems } = await import('./lib/config');
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
