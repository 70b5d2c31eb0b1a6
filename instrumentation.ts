// Runs once when a Next.js server starts, before it takes a request (Next's `register` hook).
// Node.js runtime only: the checks read the process's configuration (lib/auth/start-up.ts).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { refuseUnsafeStart } = await import('./lib/auth/start-up');
    refuseUnsafeStart();
  }
}
