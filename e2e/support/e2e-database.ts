// Which database an end-to-end run owns. scripts/e2e-server.ts drops and recreates it for every
// run, and the specs read it to prove what a customer's requests wrote; both take the name from
// here. Set E2E_DATABASE (with E2E_PORT) to run beside another run on the same PostgreSQL.
// No Playwright imports: the server script loads this file too.
import { DEFAULTS } from '../../scripts/lib/stack';

export const E2E_DATABASE = process.env.E2E_DATABASE ?? 'counter_shelf_e2e';

// The server script drops this database by name, so only a plain identifier will do.
if (!/^[a-z_][a-z0-9_]*$/i.test(E2E_DATABASE)) {
  throw new Error(`E2E_DATABASE must be a plain database name (letters, digits, _), got ${JSON.stringify(E2E_DATABASE)}`);
}

/** DATABASE_URL (or the default) with its database swapped for the e2e one. */
export function e2eDatabaseUrl(base: string = process.env.DATABASE_URL ?? DEFAULTS.DATABASE_URL): string {
  const url = new URL(base);
  url.pathname = `/${E2E_DATABASE}`;
  return url.toString();
}
