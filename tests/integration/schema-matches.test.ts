// The migrations are hand-written SQL (Prisma's schema engine cannot run here), so this test is
// what keeps them honest: it reads prisma/schema.prisma, works out the tables, columns, keys and
// indexes `prisma migrate` would have created, and compares them with what the migrated database
// actually has. It also checks the migrator keeps `prisma migrate deploy`'s bookkeeping.
//
// The expected shape comes from a small parser for the part of the Prisma schema language this
// project uses. It is deliberately strict: anything it does not understand (an enum, @updatedAt,
// a sort order, ...) throws, so a schema change can never be silently ignored. It is cross-checked
// against the data model Prisma itself generated into lib/db/generated.
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDatabase, migrate } from '../../lib/db/migrate';
import { freshDatabase } from '../support/database';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCHEMA_FILE = path.join(ROOT, 'prisma/schema.prisma');
const MIGRATIONS_DIR = path.join(ROOT, 'prisma/migrations');
const GENERATED_CLIENT = path.join(ROOT, 'lib/db/generated/internal/class.ts');

// ---------------------------------------------------------------------------------------------
// Parsing schema.prisma (the subset in use) into blocks, fields and attributes.
// ---------------------------------------------------------------------------------------------

type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; value: string }
  | { kind: 'call'; name: string; args: Arg[] }
  | { kind: 'list'; items: Value[] };
interface Arg {
  name: string | null;
  value: Value;
}
interface Attribute {
  name: string; // without the @ / @@, e.g. "map", "db.Timestamptz"
  args: Arg[];
}
interface ParsedField {
  name: string;
  type: string;
  optional: boolean;
  list: boolean;
  attributes: Attribute[];
}
interface ParsedModel {
  name: string;
  fields: ParsedField[];
  attributes: Attribute[];
}

/** Reads one line of a model body, left to right. */
class LineReader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {}

  fail(problem: string): never {
    throw new Error(`${this.where}: ${problem} at "${this.text.slice(this.pos)}" (schema parser)`);
  }
  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text.charAt(this.pos))) this.pos++;
  }
  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }
  next(token: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(token, this.pos)) return false;
    this.pos += token.length;
    return true;
  }
  expect(token: string): void {
    if (!this.next(token)) this.fail(`expected "${token}"`);
  }
  name(): string {
    this.skipSpace();
    const match = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*/.exec(this.text.slice(this.pos));
    if (!match) this.fail('expected a name');
    this.pos += match[0].length;
    return match[0];
  }
  value(): Value {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const literal = /^"(?:[^"\\]|\\.)*"/.exec(rest) ?? /^-?\d+(?:\.\d+)?/.exec(rest);
    if (literal) {
      this.pos += literal[0].length;
      return literal[0].startsWith('"')
        ? { kind: 'string', value: JSON.parse(literal[0]) as string }
        : { kind: 'number', value: Number(literal[0]) };
    }
    if (this.next('[')) {
      const items: Value[] = [];
      while (!this.next(']')) {
        if (items.length) this.expect(',');
        items.push(this.value());
      }
      return { kind: 'list', items };
    }
    const name = this.name();
    return this.next('(') ? { kind: 'call', name, args: this.argsAfterParen() } : { kind: 'ident', value: name };
  }
  /** `(` already read: `a, key: b, ...)`. */
  argsAfterParen(): Arg[] {
    const args: Arg[] = [];
    while (!this.next(')')) {
      if (args.length) this.expect(',');
      const mark = this.pos;
      let name: string | null = null;
      if (/^\s*[A-Za-z_]\w*\s*:/.test(this.text.slice(this.pos))) {
        name = this.name();
        this.expect(':');
      } else {
        this.pos = mark;
      }
      args.push({ name, value: this.value() });
    }
    return args;
  }
  attributes(prefix: '@' | '@@'): Attribute[] {
    const attributes: Attribute[] = [];
    while (!this.atEnd()) {
      this.expect(prefix);
      const name = this.name();
      attributes.push({ name, args: this.next('(') ? this.argsAfterParen() : [] });
    }
    return attributes;
  }
}

/** Removes a `//` or `///` comment, leaving `//` inside string literals alone. */
function stripComment(line: string): string {
  let inString = false;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (inString && char === '\\') i++;
    else if (char === '"') inString = !inString;
    else if (!inString && line.startsWith('//', i)) return line.slice(0, i);
  }
  return line;
}

function parseSchema(source: string): ParsedModel[] {
  const models: ParsedModel[] = [];
  let block: { kind: string; model?: ParsedModel } | null = null;
  source.split('\n').forEach((raw, index) => {
    const line = stripComment(raw).trim();
    const where = `schema.prisma:${index + 1}`;
    if (!line) return;
    if (!block) {
      const opening = /^(\w+)\s+(\w+)\s*\{$/.exec(line);
      if (!opening) throw new Error(`${where}: expected a block, got "${line}" (schema parser)`);
      const [, kind = '', name = ''] = opening;
      if (kind === 'model') {
        const model: ParsedModel = { name, fields: [], attributes: [] };
        models.push(model);
        block = { kind, model };
      } else if (kind === 'generator' || kind === 'datasource') {
        block = { kind };
      } else {
        throw new Error(`${where}: "${kind}" blocks are not supported by the schema parser yet`);
      }
      return;
    }
    if (line === '}') {
      block = null;
      return;
    }
    if (!block.model) {
      if (block.kind === 'datasource' && /^provider\s*=/.test(line) && !line.includes('"postgresql"')) {
        throw new Error(`${where}: this test only knows PostgreSQL`);
      }
      return;
    }
    const reader = new LineReader(line, where);
    if (line.startsWith('@@')) {
      block.model.attributes.push(...reader.attributes('@@'));
      return;
    }
    const name = reader.name();
    const type = reader.name();
    const list = reader.next('[]');
    const optional = !list && reader.next('?');
    block.model.fields.push({ name, type, optional, list, attributes: reader.attributes('@') });
  });
  if (block) throw new Error('schema.prisma: unterminated block (schema parser)');
  return models;
}

// ---------------------------------------------------------------------------------------------
// From parsed models to the database Prisma would create (its naming and type conventions).
// ---------------------------------------------------------------------------------------------

interface ColumnShape {
  type: string; // as PostgreSQL's format_type() prints it
  nullable: boolean;
  default: string | null; // as pg_get_expr() prints it
}
interface IndexShape {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  primary: boolean;
}
interface ConstraintShape {
  table: string;
  name: string;
  type: 'p' | 'f' | 'u' | 'c' | 'x' | 't' | 'n';
  columns: string[];
  references?: { table: string; columns: string[]; onDelete: string; onUpdate: string };
}
interface DatabaseShape {
  tables: string[];
  columns: Record<string, Record<string, ColumnShape>>;
  indexes: IndexShape[];
  constraints: ConstraintShape[];
}

const POSTGRES_MAX_IDENTIFIER = 63;

// Prisma's default names (psl ConstraintNames): {table}_{columns}_{suffix}, truncated to fit.
function defaultName(table: string, columns: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const stem = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  return `${stem.slice(0, POSTGRES_MAX_IDENTIFIER - suffix.length - 1)}_${suffix}`;
}

// Prisma scalar type → [default PostgreSQL type, native types allowed with it].
const SCALAR_TYPES: Record<string, { type: string; native: Record<string, (args: number[]) => string> }> = {
  String: {
    type: 'text',
    native: {
      Uuid: () => 'uuid',
      Text: () => 'text',
      VarChar: ([n]) => (n === undefined ? 'character varying' : `character varying(${n})`),
      Char: ([n]) => `character(${n ?? 1})`,
    },
  },
  Int: { type: 'integer', native: { Integer: () => 'integer', SmallInt: () => 'smallint' } },
  BigInt: { type: 'bigint', native: { BigInt: () => 'bigint' } },
  Float: { type: 'double precision', native: { DoublePrecision: () => 'double precision', Real: () => 'real' } },
  Decimal: { type: 'numeric(65,30)', native: { Decimal: ([p, s]) => `numeric(${p ?? 65},${s ?? 30})` } },
  Boolean: { type: 'boolean', native: { Boolean: () => 'boolean' } },
  DateTime: {
    type: 'timestamp(3) without time zone',
    native: {
      Timestamptz: ([p]) => (p === undefined ? 'timestamp with time zone' : `timestamp(${p}) with time zone`),
      Timestamp: ([p]) => (p === undefined ? 'timestamp without time zone' : `timestamp(${p}) without time zone`),
      Date: () => 'date',
    },
  },
  Json: { type: 'jsonb', native: { JsonB: () => 'jsonb', Json: () => 'json' } },
  Bytes: { type: 'bytea', native: { ByteA: () => 'bytea' } },
};

// Which arguments each attribute may have; anything else is beyond what this parser models.
const FIELD_ATTRIBUTES: Record<string, string[]> = {
  id: ['map'],
  unique: ['map'],
  map: ['name'],
  default: ['value', 'map'],
  relation: ['name', 'fields', 'references', 'onDelete', 'onUpdate', 'map'],
};
const MODEL_ATTRIBUTES: Record<string, string[]> = {
  id: ['fields', 'name', 'map'],
  unique: ['fields', 'name', 'map'],
  index: ['fields', 'map'],
  map: ['name'],
};
// Positional arguments, by attribute: @map("x") is @map(name: "x"), @@index([a]) is fields.
const POSITIONAL: Record<string, string> = { map: 'name', default: 'value', relation: 'name', id: 'fields', unique: 'fields', index: 'fields' };
const REFERENTIAL_ACTIONS: Record<string, string> = { Cascade: 'c', Restrict: 'r', NoAction: 'a', SetNull: 'n', SetDefault: 'd' };

function checkAttribute(attribute: Attribute, allowed: Record<string, string[]>, where: string): Record<string, Value> {
  if (attribute.name.startsWith('db.')) return {}; // native types: their arguments are checked where they are mapped
  const known = allowed[attribute.name];
  if (!known) throw new Error(`${where}: @${attribute.name} is not supported by the schema parser yet`);
  const named: Record<string, Value> = {};
  for (const arg of attribute.args) {
    const name = arg.name ?? POSITIONAL[attribute.name];
    if (!name || !known.includes(name)) {
      throw new Error(`${where}: argument ${arg.name ?? '(positional)'} of @${attribute.name} is not supported by the schema parser yet`);
    }
    named[name] = arg.value;
  }
  return named;
}

function asString(value: Value | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind !== 'string') throw new Error(`${where}: expected a string`);
  return value.value;
}
function asNames(value: Value | undefined, where: string): string[] {
  if (value?.kind !== 'list') throw new Error(`${where}: expected a list of field names`);
  return value.items.map((item) => {
    if (item.kind !== 'ident') throw new Error(`${where}: only plain field names are supported in lists (no sort/length)`);
    return item.value;
  });
}

/** The default expression PostgreSQL stores for a Prisma @default, or null if Prisma sets it in the client. */
function expectedDefault(field: ParsedField, value: Value, where: string): string | null {
  if (value.kind === 'call' && ['uuid', 'cuid', 'nanoid', 'ulid'].includes(value.name)) return null;
  if (value.kind === 'call' && value.name === 'now' && !value.args.length) return 'CURRENT_TIMESTAMP';
  if (value.kind === 'number') return String(value.value);
  if (value.kind === 'ident' && (value.value === 'true' || value.value === 'false')) return value.value;
  if (value.kind === 'string' && field.type === 'String') return `'${value.value.replaceAll("'", "''")}'::text`;
  throw new Error(`${where}: this @default is not supported by the schema parser yet`);
}

function expectedDatabase(models: ParsedModel[]): DatabaseShape {
  const byName = new Map(models.map((model) => [model.name, model]));
  const tableOf = (model: ParsedModel): string => {
    const map = model.attributes.find((attribute) => attribute.name === 'map');
    return (map && asString(checkAttribute(map, MODEL_ATTRIBUTES, model.name).name, model.name)) ?? model.name;
  };
  const columnOf = (model: ParsedModel, fieldName: string): string => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}: no field ${fieldName}`);
    const map = field.attributes.find((attribute) => attribute.name === 'map');
    return (map && asString(map.args[0]?.value, `${model.name}.${fieldName}`)) ?? field.name;
  };

  const shape: DatabaseShape = { tables: [], columns: {}, indexes: [], constraints: [] };
  for (const model of models) {
    const table = tableOf(model);
    const tableColumns: Record<string, ColumnShape> = {};
    shape.tables.push(table);
    shape.columns[table] = tableColumns;
    const uniqueIndex = (fields: string[], map: string | undefined) => {
      const columns = fields.map((name) => columnOf(model, name));
      shape.indexes.push({ table, name: map ?? defaultName(table, columns, 'key'), columns, unique: true, primary: false });
    };
    const primaryKey = (fields: string[], map: string | undefined) => {
      const columns = fields.map((name) => columnOf(model, name));
      const name = map ?? defaultName(table, columns, 'pkey');
      shape.indexes.push({ table, name, columns, unique: true, primary: true });
      shape.constraints.push({ table, name, type: 'p', columns });
    };

    for (const field of model.fields) {
      const where = `${model.name}.${field.name}`;
      const related = byName.get(field.type);
      if (related) {
        const relation = field.attributes.find((attribute) => attribute.name === 'relation');
        const args = relation ? checkAttribute(relation, FIELD_ATTRIBUTES, where) : {};
        if (field.attributes.some((attribute) => attribute.name !== 'relation')) {
          throw new Error(`${where}: a relation field takes only @relation`);
        }
        if (!args.fields) {
          // The other side of a relation: the foreign key is declared there, on the model that
          // holds it. An implicit many-to-many would need a join table this parser does not model.
          const owner = related.fields.some((other) => other.type === model.name && other.attributes.some((a) => a.name === 'relation' && a.args.some((arg) => arg.name === 'fields')));
          if (!owner) throw new Error(`${where}: relations without fields on either side are not supported yet`);
          continue;
        }
        const fields = asNames(args.fields, where);
        const columns = fields.map((name) => columnOf(model, name));
        const optional = fields.some((name) => model.fields.find((candidate) => candidate.name === name)?.optional);
        const action = (value: Value | undefined, fallback: string) => {
          const name = value === undefined ? fallback : value.kind === 'ident' ? value.value : '';
          const code = REFERENTIAL_ACTIONS[name];
          if (!code) throw new Error(`${where}: unknown referential action`);
          return code;
        };
        shape.constraints.push({
          table,
          name: asString(args.map, where) ?? defaultName(table, columns, 'fkey'),
          type: 'f',
          columns,
          references: {
            table: tableOf(related),
            columns: asNames(args.references, where).map((name) => columnOf(related, name)),
            // Prisma's defaults: Restrict for a required relation, SetNull for an optional one.
            onDelete: action(args.onDelete, optional ? 'SetNull' : 'Restrict'),
            onUpdate: action(args.onUpdate, 'Cascade'),
          },
        });
        continue;
      }

      const scalar = SCALAR_TYPES[field.type];
      if (!scalar) throw new Error(`${where}: type ${field.type} is not supported by the schema parser yet`);
      if (field.list) throw new Error(`${where}: scalar lists are not supported by the schema parser yet`);
      let type = scalar.type;
      let defaultValue: string | null = null;
      for (const attribute of field.attributes) {
        const args = checkAttribute(attribute, FIELD_ATTRIBUTES, where);
        if (attribute.name.startsWith('db.')) {
          const native = scalar.native[attribute.name.slice(3)];
          const numbers = attribute.args.map((arg) => (arg.value.kind === 'number' ? arg.value.value : NaN));
          if (!native || numbers.some(Number.isNaN)) throw new Error(`${where}: @${attribute.name} is not supported by the schema parser yet`);
          type = native(numbers);
        } else if (attribute.name === 'id') {
          primaryKey([field.name], asString(args.map, where));
        } else if (attribute.name === 'unique') {
          uniqueIndex([field.name], asString(args.map, where));
        } else if (attribute.name === 'default') {
          if (!args.value) throw new Error(`${where}: @default needs a value`);
          defaultValue = expectedDefault(field, args.value, where);
        } else if (attribute.name === 'relation') {
          throw new Error(`${where}: @relation on a field whose type is not a model`);
        }
      }
      tableColumns[columnOf(model, field.name)] = { type, nullable: field.optional, default: defaultValue };
    }

    for (const attribute of model.attributes) {
      const where = `${model.name} @@${attribute.name}`;
      const args = checkAttribute(attribute, MODEL_ATTRIBUTES, where);
      if (attribute.name === 'map') continue;
      const fields = asNames(args.fields, where);
      const map = asString(args.map, where);
      if (attribute.name === 'id') primaryKey(fields, map);
      if (attribute.name === 'unique') uniqueIndex(fields, map);
      if (attribute.name === 'index') {
        const columns = fields.map((name) => columnOf(model, name));
        shape.indexes.push({ table, name: map ?? defaultName(table, columns, 'idx'), columns, unique: false, primary: false });
      }
    }
  }
  return normalize(shape);
}

function normalize(shape: DatabaseShape): DatabaseShape {
  const byName = (a: { table: string; name: string }, b: { table: string; name: string }) =>
    `${a.table}.${a.name}`.localeCompare(`${b.table}.${b.name}`);
  return {
    tables: [...shape.tables].sort(),
    columns: shape.columns,
    indexes: [...shape.indexes].sort(byName),
    constraints: [...shape.constraints].sort(byName),
  };
}

// ---------------------------------------------------------------------------------------------
// What the migrated database actually has (pg_catalog), in the same shape.
// ---------------------------------------------------------------------------------------------

// Everything Prisma creates lives in `public`; its own bookkeeping table is not part of the schema.
const USER_TABLES = `n.nspname = 'public' AND t.relname <> '_prisma_migrations'`;

async function actualDatabase(client: pg.Client): Promise<DatabaseShape> {
  const tables = await client.query<{ name: string }>(
    `SELECT t.relname AS name FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE t.relkind IN ('r', 'p') AND ${USER_TABLES}`,
  );
  const columns = await client.query<{ table: string; name: string; type: string; not_null: boolean; default: string | null }>(
    `SELECT t.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class t ON t.oid = a.attrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_TABLES}`,
  );
  // Prisma only creates plain ascending b-tree indexes on columns: anything else must show up
  // as a difference, so it is folded into the name.
  const indexes = await client.query<IndexShape & { plain: boolean }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            (am.amname = 'btree' AND ix.indpred IS NULL AND ix.indexprs IS NULL
              AND ix.indnkeyatts = ix.indnatts AND 0 = ALL (ix.indoption::int2[])) AS plain,
            ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord) AS columns
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       JOIN pg_am am ON am.oid = i.relam
      WHERE ${USER_TABLES}`,
  );
  const constraints = await client.query<{
    table: string; name: string; type: ConstraintShape['type']; columns: string[];
    ref_table: string | null; ref_columns: string[]; on_delete: string; on_update: string;
  }>(
    `SELECT t.relname AS table, c.conname AS name, c.contype AS type,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            r.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            c.confdeltype AS on_delete, c.confupdtype AS on_update
       FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class r ON r.oid = c.confrelid
      WHERE ${USER_TABLES}`,
  );

  const shape: DatabaseShape = { tables: tables.rows.map((row) => row.name), columns: {}, indexes: [], constraints: [] };
  for (const row of columns.rows) {
    (shape.columns[row.table] ??= {})[row.name] = { type: row.type, nullable: !row.not_null, default: row.default };
  }
  for (const { plain, ...index } of indexes.rows) {
    shape.indexes.push({ ...index, name: plain ? index.name : `${index.name} (not a plain ascending b-tree)` });
  }
  for (const row of constraints.rows) {
    shape.constraints.push({
      table: row.table,
      name: row.name,
      type: row.type,
      columns: row.columns,
      ...(row.type === 'f' && row.ref_table
        ? { references: { table: row.ref_table, columns: row.ref_columns, onDelete: row.on_delete, onUpdate: row.on_update } }
        : {}),
    });
  }
  return normalize(shape);
}

// ---------------------------------------------------------------------------------------------
// The tests.
// ---------------------------------------------------------------------------------------------

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the migrated database matches prisma/schema.prisma', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let expected: DatabaseShape;
  let actual: DatabaseShape;

  beforeAll(async () => {
    expected = expectedDatabase(parseSchema(await readFile(SCHEMA_FILE, 'utf8')));
    database = await freshDatabase('schema');
    actual = await withClient(database.url, actualDatabase);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reads schema.prisma the way Prisma does (models, fields, table and column names)', async () => {
    // Prisma's own parse of the schema, as generated into the client: names, kinds and mapped names.
    const generated = await readFile(GENERATED_CLIENT, 'utf8');
    const literal = /config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(generated)?.[1];
    expect(literal, `no runtimeDataModel in ${GENERATED_CLIENT}; run npm run db:generate`).toBeDefined();
    const prisma = JSON.parse(JSON.parse(literal ?? '""') as string) as {
      models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string; dbName?: string | null }[] }>;
    };
    const fromPrisma = Object.entries(prisma.models).map(([name, model]) => ({
      name,
      table: model.dbName ?? name,
      fields: model.fields.map((field) => ({ name: field.name, type: field.type, column: field.kind === 'scalar' ? (field.dbName ?? field.name) : null })),
    }));

    const models = parseSchema(await readFile(SCHEMA_FILE, 'utf8'));
    const modelNames = new Set(models.map((model) => model.name));
    const fromParser = models.map((model) => ({
      name: model.name,
      table: asString(model.attributes.find((a) => a.name === 'map')?.args[0]?.value, model.name) ?? model.name,
      fields: model.fields.map((field) => ({
        name: field.name,
        type: field.type,
        column: modelNames.has(field.type) ? null : (asString(field.attributes.find((a) => a.name === 'map')?.args[0]?.value, field.name) ?? field.name),
      })),
    }));
    expect(fromParser, 'the generated client may be stale: run npm run db:generate').toEqual(fromPrisma);
  });

  it('has a table for every model, and no other', () => {
    expect(actual.tables).toEqual(expected.tables);
  });

  it('has every column with its type, nullability and default, and no other', () => {
    for (const table of expected.tables) {
      expect(actual.columns[table], `columns of ${table}`).toEqual(expected.columns[table]);
    }
  });

  it('has the primary keys, unique indexes and indexes, named as Prisma names them', () => {
    expect(actual.indexes).toEqual(expected.indexes);
  });

  it('has the primary key and foreign key constraints, and no other constraint', () => {
    expect(actual.constraints).toEqual(expected.constraints);
  });

  it('has no other objects in the schema (views, sequences, enums, triggers, functions)', async () => {
    const extra = await withClient(database.url, (client) =>
      client.query<{ object: string }>(
        `SELECT 'relkind ' || relkind::text || ' ' || relname AS object FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND relkind NOT IN ('r', 'i')
         UNION ALL SELECT 'type ' || typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
          WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm')
         UNION ALL SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal AND tgrelid <> '"_prisma_migrations"'::regclass
         UNION ALL SELECT 'function ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
          WHERE n.nspname = 'public'`,
      ),
    );
    expect(extra.rows.map((row) => row.object)).toEqual([]);
  });
});

describe('the migrator keeps prisma migrate deploy\'s bookkeeping', () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let scratch: string; // a copy of prisma/migrations that tests add migrations to
  const query = <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    withClient(database.url, (client) => client.query<R>(sql, values)).then((result) => result.rows);

  beforeAll(async () => {
    database = await freshDatabase('migrator');
    scratch = await mkdtemp(path.join(tmpdir(), 'cs-migrations-'));
    await cp(MIGRATIONS_DIR, scratch, { recursive: true });
  });
  afterAll(async () => {
    await database?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  const addMigration = async (name: string, sql: string) => {
    await mkdir(path.join(scratch, name));
    await writeFile(path.join(scratch, name, 'migration.sql'), sql);
  };

  it('records every migration folder with the SHA-256 of its file, finished', async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    expect(folders.length).toBeGreaterThan(0);
    const rows = await query<{ id: string; migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null; logs: string | null; applied_steps_count: number }>(
      'SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name',
    );
    const expectedRows = await Promise.all(
      folders.map(async (name) => ({ migration_name: name, checksum: sha256(await readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8')) })),
    );
    expect(rows.map(({ migration_name, checksum }) => ({ migration_name, checksum }))).toEqual(expectedRows);
    for (const row of rows) {
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.rolled_back_at).toBeNull();
      expect(row.logs).toBeNull();
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it('creates _prisma_migrations exactly as Prisma does', async () => {
    const columns = await query<{ name: string; type: string; not_null: boolean; default: string | null }>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
              pg_get_expr(d.adbin, d.adrelid) AS default
         FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    );
    expect(columns).toEqual([
      { name: 'id', type: 'character varying(36)', not_null: true, default: null },
      { name: 'checksum', type: 'character varying(64)', not_null: true, default: null },
      { name: 'finished_at', type: 'timestamp with time zone', not_null: false, default: null },
      { name: 'migration_name', type: 'character varying(255)', not_null: true, default: null },
      { name: 'logs', type: 'text', not_null: false, default: null },
      { name: 'rolled_back_at', type: 'timestamp with time zone', not_null: false, default: null },
      { name: 'started_at', type: 'timestamp with time zone', not_null: true, default: 'now()' },
      { name: 'applied_steps_count', type: 'integer', not_null: true, default: '0' },
    ]);
  });

  it('applies nothing the second time', async () => {
    expect(await migrate(database.url)).toEqual({ applied: [] });
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const [row] = await query<{ id: string; checksum: string; migration_name: string }>('SELECT id, checksum, migration_name FROM _prisma_migrations LIMIT 1');
    if (!row) throw new Error('no migration recorded');
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', ['0'.repeat(64), row.id]);
    try {
      await expect(migrate(database.url)).rejects.toThrow(new RegExp(`${row.migration_name} was changed after it was applied`));
    } finally {
      await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [row.checksum, row.id]);
    }
  });

  it('accepts a checksum of the same file with other line endings, as Prisma does', async () => {
    const [row] = await query<{ id: string; checksum: string; migration_name: string }>('SELECT id, checksum, migration_name FROM _prisma_migrations LIMIT 1');
    if (!row) throw new Error('no migration recorded');
    const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'), 'utf8');
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [sha256(file.replaceAll('\n', '\r\n')), row.id]);
    try {
      expect(await migrate(database.url)).toEqual({ applied: [] });
    } finally {
      await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [row.checksum, row.id]);
    }
  });

  it('applies a new migration once, even when two migrators race (advisory lock)', async () => {
    await addMigration('29990101000000_add_probe', 'CREATE TABLE "probe" ("id" INTEGER NOT NULL);\n');
    const results = await Promise.all([migrate(database.url, { migrationsDir: scratch }), migrate(database.url, { migrationsDir: scratch })]);
    expect(results.flatMap((result) => result.applied)).toEqual(['29990101000000_add_probe']);
    const rows = await query<{ n: number }>(`SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name = '29990101000000_add_probe' AND finished_at IS NOT NULL`);
    expect(rows[0]?.n).toBe(1);
  });

  it('rolls a failing migration back, records it unfinished with its logs, and then blocks', async () => {
    const name = '29990102000000_broken';
    await addMigration(name, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT no_such_function();\n');
    await expect(migrate(database.url, { migrationsDir: scratch })).rejects.toThrow(/29990102000000_broken failed/);

    const [row] = await query<{ finished_at: Date | null; logs: string | null; rolled_back_at: Date | null }>(
      'SELECT finished_at, logs, rolled_back_at FROM _prisma_migrations WHERE migration_name = $1', [name],
    );
    expect(row).toMatchObject({ finished_at: null, rolled_back_at: null, logs: expect.stringContaining('no_such_function') });
    expect(await query(`SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]); // its own transaction

    // A second run must refuse, naming the migration, even if later migrations are waiting.
    await addMigration('29990103000000_after_broken', 'CREATE TABLE "after_broken" ("id" INTEGER);\n');
    await expect(migrate(database.url, { migrationsDir: scratch })).rejects.toThrow(/29990102000000_broken started but did not finish/);
    expect(await query(`SELECT to_regclass('after_broken') AS t`)).toEqual([{ t: null }]);

    // Marked rolled back (what `prisma migrate resolve --rolled-back` does) and fixed: applied again.
    await query('UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1', [name]);
    await writeFile(path.join(scratch, name, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    expect(await migrate(database.url, { migrationsDir: scratch })).toEqual({ applied: [name, '29990103000000_after_broken'] });
  });

  it('is blocked by any unfinished row, naming it', async () => {
    await query(`INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
      '00000000-0000-4000-8000-000000000000', '0'.repeat(64), '29990104000000_interrupted',
    ]);
    await expect(migrate(database.url)).rejects.toThrow(/29990104000000_interrupted started but did not finish/);
  });

  it('creates a missing database, also when two processes race to do it', async () => {
    const url = new URL(database.url);
    url.pathname = `/${url.pathname.slice(1)}_ensure`;
    await Promise.all([ensureDatabase(url.toString()), ensureDatabase(url.toString())]);
    const maintenance = new URL(database.url);
    maintenance.pathname = '/postgres';
    try {
      expect(await withClient(url.toString(), (client) => client.query('SELECT 1 AS ok'))).toMatchObject({ rows: [{ ok: 1 }] });
    } finally {
      await withClient(maintenance.toString(), (client) => client.query(`DROP DATABASE "${url.pathname.slice(1)}"`));
    }
  });
});
