// `npm run db:migrate`: creates the database if needed and applies pending migrations.
import { readdirSync } from 'node:fs';
import { ensureDatabase, migrate, MigrationError } from '../lib/db/migrate';

const DEFAULT_URL = 'postgresql://postgres@127.0.0.1:5432/counter_shelf';

// Errors that mean "nothing answered at that address", as opposed to a database that answered
// with a problem. Node reports a refused dual-stack connect as an AggregateError of several.
// 57P03: the server is starting up or shutting down.
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'ENOENT',
  '57P03',
]);

function isUnreachable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (error instanceof AggregateError) return error.errors.some(isUnreachable);
  return /connection timeout|Connection terminated unexpectedly/i.test(error.message);
}

function serverAddress(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  } catch {
    return databaseUrl;
  }
}

// Debian keeps one directory per installed major version; name it if there is exactly one.
function debianVersion(): string {
  try {
    const versions = readdirSync('/etc/postgresql');
    return versions.length === 1 && versions[0] ? versions[0] : '<version>';
  } catch {
    return '<version>';
  }
}

async function main(): Promise<number> {
  const databaseUrl = process.env.DATABASE_URL || DEFAULT_URL;
  try {
    await ensureDatabase(databaseUrl);
    const { applied } = await migrate(databaseUrl, { log: (line) => console.log(line) });
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database up to date');
    return 0;
  } catch (error) {
    if (isUnreachable(error)) {
      console.error(
        `PostgreSQL is not reachable at ${serverAddress(databaseUrl)}, so no migration was applied. ` +
          `Start it and run this again: on Debian or Ubuntu, \`sudo pg_ctlcluster ${debianVersion()} main start\`; ` +
          `without a local PostgreSQL, start the one in the docker compose file described in the README ` +
          `(\`docker compose up -d\`). If it runs elsewhere, set DATABASE_URL to point at it.`,
      );
    } else if (error instanceof MigrationError) {
      console.error(`migration failed: ${error.message}`);
    } else {
      console.error(error);
    }
    return 1;
  }
}

process.exitCode = await main();
