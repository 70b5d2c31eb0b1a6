// A throw-away, fully migrated database per test file, so files can run in parallel without
// seeing each other's rows.
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, migrate } from '../../lib/db/migrate';

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
    await dropDatabase(url).catch(() => {});
    throw error;
  }
  return { url, drop: () => dropDatabase(url) };
}

function databaseName(label: string): string {
  const suffix = randomBytes(6).toString('hex');
  const prefix = 'cs_t_';
  const room = MAX_IDENTIFIER - prefix.length - suffix.length - 1;
  const safe = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, room);
  return `${prefix}${safe || 'db'}_${suffix}`;
}

function urlFor(database: string): string {
  const url = new URL(BASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}
