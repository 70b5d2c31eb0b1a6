// Applies prisma/migrations/*/migration.sql and records them exactly as `prisma migrate deploy`
// does, because Prisma's native schema engine cannot be installed here. Either tool can take over a
// database the other one migrated: same table, same lock, same checksums, same row lifecycle.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** The advisory lock key the Prisma schema engine takes on PostgreSQL while it migrates. */
const PRISMA_MIGRATE_LOCK = 72707369;

const DEFAULT_MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma/migrations');

/** A problem with the migration history that a person has to resolve; safe to print as is. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateOptions {
  log?: (line: string) => void;
  migrationsDir?: string;
}

/** Creates the database named in `databaseUrl` if it does not exist yet. */
export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const target = new URL(databaseUrl);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) throw new MigrationError(`DATABASE_URL names no database: ${redact(databaseUrl)}`);

  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = await connect(maintenance.toString());
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount) return;
    await client.query(`CREATE DATABASE ${quoteIdent(name)}`);
  } catch (error) {
    // Another process created it between our check and our CREATE: 42P04 duplicate_database, or
    // 23505 when both CREATEs reach the pg_database unique index at the same moment.
    if (!(isPgError(error) && (error.code === '42P04' || error.code === '23505'))) throw error;
  } finally {
    await client.end();
  }
}

/**
 * Drops the database named in `databaseUrl` if it exists (throw-away test, e2e and benchmark
 * databases). Pools of the code that used it may still hold connections, or reconnect in between,
 * and DROP refuses while any do (55006): terminate them and try again a few times.
 */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.replace(/^\//, ''));
  if (!name) throw new MigrationError(`DATABASE_URL names no database: ${redact(databaseUrl)}`);
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const client = await connect(maintenance.toString());
  try {
    for (let attempt = 1; ; attempt++) {
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
      try {
        await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`);
        return;
      } catch (error) {
        if (!(isPgError(error) && error.code === '55006') || attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  } finally {
    await client.end();
  }
}

/** Applies every migration not yet applied, in lexical order of its folder name. */
export async function migrate(databaseUrl: string, options: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = options.log ?? (() => {});
  const local = await readMigrations(options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);

  // Prisma reads `?schema=` from the URL; the SQL here names no schema, so it would land in
  // `public` whatever the URL says. Refuse rather than migrate the wrong schema.
  const schema = new URL(databaseUrl).searchParams.get('schema');
  if (schema && schema !== 'public') {
    throw new MigrationError(`only the public schema is supported, DATABASE_URL asks for "${schema}"`);
  }

  const client = await connect(databaseUrl);
  try {
    // Session-level lock, held on this one connection for the whole run, so that two migrators
    // (ours or Prisma's) never interleave.
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_MIGRATE_LOCK]);
    try {
      await createMigrationsTable(client);
      const pending = await pendingMigrations(client, local);
      const applied: string[] = [];
      for (const migration of pending) {
        log(`applying ${migration.name}`);
        await applyMigration(client, migration);
        applied.push(migration.name);
      }
      return { applied };
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_MIGRATE_LOCK]);
    }
  } finally {
    await client.end();
  }
}

interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

async function readMigrations(dir: string): Promise<LocalMigration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort(); // lexical, like Prisma: folder names start with a timestamp
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      const sql = await readFile(file, 'utf8').catch((error: unknown) => {
        throw new MigrationError(`migration ${name} has no readable migration.sql (${String(error)})`);
      });
      return { name, sql, checksum: sha256(sql) };
    }),
  );
}

// Same DDL as the Prisma schema engine, so `prisma migrate deploy` accepts the table as its own.
async function createMigrationsTable(client: pg.Client): Promise<void> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id"                  VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum"            VARCHAR(64) NOT NULL,
      "finished_at"         TIMESTAMPTZ,
      "migration_name"      VARCHAR(255) NOT NULL,
      "logs"                TEXT,
      "rolled_back_at"      TIMESTAMPTZ,
      "started_at"          TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0
    )`);
}

async function pendingMigrations(client: pg.Client, local: LocalMigration[]): Promise<LocalMigration[]> {
  const { rows } = await client.query<MigrationRow>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at
       FROM "_prisma_migrations" ORDER BY started_at`,
  );

  // A started but never finished (nor rolled back) migration may have left the schema half
  // changed: like Prisma (P3009), refuse to go on until a person has looked at it.
  const failed = rows.find((row) => !row.finished_at && !row.rolled_back_at);
  if (failed) {
    throw new MigrationError(
      `migration ${failed.migration_name} started but did not finish, so no migration will be ` +
        `applied until it is resolved. ${howToResolve(failed.migration_name, failed.id)}`,
    );
  }

  const pending: LocalMigration[] = [];
  for (const migration of local) {
    const done = rows.find((row) => row.migration_name === migration.name && row.finished_at && !row.rolled_back_at);
    if (!done) {
      pending.push(migration);
    } else if (!checksumMatches(migration.sql, done.checksum)) {
      throw new MigrationError(
        `migration ${migration.name} was changed after it was applied to this database ` +
          `(recorded checksum ${done.checksum}, file has ${migration.checksum}). ` +
          `Applied migrations must not be edited: restore the file and add a new migration instead.`,
      );
    }
  }
  return pending;
}

// Row lifecycle as in the Prisma schema engine: the row is inserted (and committed) before the
// script runs, so a failure leaves a visible unfinished row with its logs that blocks later runs.
// Unlike Prisma, the "finished" update commits in the script's own transaction, so a crash can
// never leave an applied script recorded as unfinished.
async function applyMigration(client: pg.Client, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await client.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at)
     VALUES ($1, $2, $3, now())`,
    [id, migration.checksum, migration.name],
  );
  try {
    await client.query('BEGIN');
    await client.query(migration.sql); // no parameters: simple protocol, several statements
    await client.query(
      `UPDATE "_prisma_migrations"
          SET applied_steps_count = applied_steps_count + 1, finished_at = clock_timestamp()
        WHERE id = $1`,
      [id],
    );
    await client.query('COMMIT');
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // Best effort: if the connection itself broke, the row simply stays unfinished, without logs.
    await client
      .query('ROLLBACK')
      .then(() => client.query('UPDATE "_prisma_migrations" SET logs = $1 WHERE id = $2', [message, id]))
      .catch(() => {});
    throw new MigrationError(
      `migration ${migration.name} failed and its changes were rolled back: ${message}. ` +
        `It stays recorded as unfinished, which blocks later runs. ${howToResolve(migration.name, id)}`,
      { cause: error },
    );
  }
}

function howToResolve(name: string, id: string): string {
  const row = `UPDATE "_prisma_migrations" SET`;
  return (
    `Check the database by hand, then either mark it rolled back so that it is applied again ` +
    `(${row} rolled_back_at = now() WHERE id = '${id}') or, if all its changes are in place, mark it ` +
    `applied (${row} finished_at = now(), applied_steps_count = 1 WHERE id = '${id}'). Where Prisma's ` +
    `schema engine runs, \`prisma migrate resolve --rolled-back|--applied ${name}\` does the same.`
  );
}

/** Lowercase hex SHA-256 of the file's text: the checksum Prisma stores. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// Prisma accepts a checksum computed with either line ending, because git may convert them on
// checkout; so do we, or a Windows clone would refuse a database migrated from Linux.
function checksumMatches(sql: string, checksum: string): boolean {
  const variants = [sql, sql.replaceAll('\r\n', '\n'), sql.replaceAll('\r\n', '\n').replaceAll('\n', '\r\n')];
  return variants.some((variant) => sha256(variant) === checksum.toLowerCase());
}

async function connect(connectionString: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // A connection lost between queries is emitted as 'error' and would crash the process; the next
  // query on this client fails with its own error, which is the one worth reporting.
  client.on('error', () => {});
  await client.connect();
  return client;
}

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function redact(databaseUrl: string): string {
  return databaseUrl.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

function isPgError(error: unknown): error is Error & { code: string } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}
