// A throw-away, fully migrated database per test file, so files can run in parallel without
// seeing each other's rows.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ensureDatabase, migrate } from '../../lib/db/migrate';

const BASE_URL = process.env.TEST_DATABASE_BASE_URL || 'postgresql://postgres@127.0.0.1:5432';

/** PostgreSQL truncates identifiers to 63 bytes; a truncated name could collide or not be found. */
const MAX_IDENTIFIER = 63;

export async function freshDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = databaseName(label);
  const url = urlFor(name);
  await ensureDatabase(url);
  try {
    await migrate(url);
  } catch (error) {
    await dropDatabase(name).catch(() => {});
    throw error;
  }
  return { url, drop: () => dropDatabase(name) };
}

function databaseName(label: string): string {
  const suffix = randomBytes(6).toString('hex');
  const prefix = 'cs_t_';
  const room = MAX_IDENTIFIER - prefix.length - suffix.length - 1;
  const safe = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').slice(0, room);
  return `${prefix}${safe || 'db'}_${suffix}`;
}

function urlFor(database: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

async function dropDatabase(name: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor('postgres') });
  client.on('error', () => {});
  await client.connect();
  try {
    // Pools of the code under test may still hold connections (or reconnect in between), and
    // DROP DATABASE refuses while any do (55006): terminate them and try again a few times.
    for (let attempt = 1; ; attempt++) {
      await client.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== '55006' || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}
