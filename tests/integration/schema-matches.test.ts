// The migrations are hand-written SQL (Prisma's schema engine cannot run here), so this test is
// what keeps them honest: it reads prisma/schema.prisma, works out the tables, columns, keys and
// indexes `prisma migrate` would have created, and compares them with what the migrated database
// actually has. It also checks the migrator keeps `prisma migrate deploy`'s bookkeeping.
//
// The expected shape comes from a small parser for the part of the Prisma schema language this
// project uses. It is deliberately strict: anything it does not understand (an enum, @updatedAt,
// a sort order, ...) throws, so a schema change can never be silently ignored. Its reading of
// names is cross-checked against the data model Prisma itself generated into lib/db/generated.
// (The generated client keeps no native types, nullability or indexes, so it cannot be the source.)
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

/** CHECK constraints Prisma's schema language cannot express, written into the migrations by hand. */
const HAND_WRITTEN_CHECKS = ['inventories.inventories_balance', 'inventories.inventories_never_negative'];
/** Functions the migrations add that schema.prisma cannot express: expect_rows guards one-statement writes (lib/db/sql-tx.ts). */
const HAND_WRITTEN_FUNCTIONS = ['function expect_rows'];
/** Partial indexes the migrations add, which schema.prisma cannot express: the keys still waiting for an answer. */
const HAND_WRITTEN_INDEXES = ['idempotency_keys.idempotency_keys_unanswered_idx'];

// ---------------------------------------------------------------------------------------------
// 1. Parsing schema.prisma (the subset in use) into models, fields and attributes.
// ---------------------------------------------------------------------------------------------

type Value =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'ident'; value: string }
  | { kind: 'call'; name: string; args: Arg[] }
  | { kind: 'list'; items: Value[] };
interface Arg {
  name: string | null; // null when positional
  value: Value;
}
interface Attribute {
  name: string; // without the @ or @@: "map", "db.Timestamptz", ...
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

function unsupported(where: string, what: string): Error {
  return new Error(`${where}: ${what} is not supported by the schema parser in ${path.basename(import.meta.filename)} yet`);
}

/** Reads one line of a model body, left to right. */
class LineReader {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly where: string,
  ) {}

  private fail(problem: string): never {
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
    const string = /^"(?:[^"\\]|\\.)*"/.exec(rest);
    const number = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (string) {
      this.pos += string[0].length;
      return { kind: 'string', value: JSON.parse(string[0]) as string };
    }
    if (number) {
      this.pos += number[0].length;
      return { kind: 'number', value: Number(number[0]) };
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
  /** The opening `(` is already read: `a, key: b, ...)`. */
  argsAfterParen(): Arg[] {
    const args: Arg[] = [];
    while (!this.next(')')) {
      if (args.length) this.expect(',');
      const named = /^\s*[A-Za-z_]\w*\s*:/.test(this.text.slice(this.pos));
      const name = named ? this.name() : null;
      if (named) this.expect(':');
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
      const [, kind = '', name = ''] = /^(\w+)\s+(\w+)\s*\{$/.exec(line) ?? [];
      if (kind === 'model') {
        const model: ParsedModel = { name, fields: [], attributes: [] };
        models.push(model);
        block = { kind, model };
      } else if (kind === 'generator' || kind === 'datasource') {
        block = { kind };
      } else {
        throw unsupported(where, kind ? `a "${kind}" block` : `"${line}" outside a block`);
      }
    } else if (line === '}') {
      block = null;
    } else if (!block.model) {
      if (block.kind === 'datasource' && /^provider\s*=/.test(line) && !line.includes('"postgresql"')) {
        throw unsupported(where, 'a provider other than postgresql');
      }
    } else if (line.startsWith('@@')) {
      block.model.attributes.push(...new LineReader(line, where).attributes('@@'));
    } else {
      const reader = new LineReader(line, where);
      const name = reader.name();
      const type = reader.name();
      const list = reader.next('[]');
      const optional = !list && reader.next('?');
      block.model.fields.push({ name, type, optional, list, attributes: reader.attributes('@') });
    }
  });
  if (block) throw new Error('schema.prisma: unterminated block (schema parser)');
  return models;
}

// ---------------------------------------------------------------------------------------------
// 2. From parsed models to the database `prisma migrate` would create (its names and types).
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
  type: string; // pg_constraint.contype: p(rimary), f(oreign), u(nique), c(heck), ...
  columns: string[];
  references?: { table: string; columns: string[]; onDelete: string; onUpdate: string };
}
interface DatabaseShape {
  tables: string[];
  columns: Record<string, Record<string, ColumnShape>>;
  indexes: IndexShape[];
  constraints: ConstraintShape[];
}

// Prisma's default names (psl ConstraintNames): {table}_pkey and {table}_{columns}_{suffix},
// truncated to PostgreSQL's 63-byte identifiers with the suffix kept.
function defaultName(table: string, columns: string[], suffix: 'pkey' | 'key' | 'idx' | 'fkey'): string {
  const stem = suffix === 'pkey' ? table : `${table}_${columns.join('_')}`;
  return `${stem.slice(0, 63 - suffix.length - 1)}_${suffix}`;
}

// Prisma scalar type → the PostgreSQL type it gets by default, and with each @db.X it allows.
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
  Decimal: { type: 'numeric(65,30)', native: { Decimal: ([p = 65, s = 30]) => `numeric(${p},${s})` } },
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

// The arguments each attribute may have here; anything else is beyond what the parser models.
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
// The name of a positional argument: @map("x") is @map(name: "x"), @@index([a]) is fields: [a].
const POSITIONAL: Record<string, string> = {
  map: 'name',
  default: 'value',
  relation: 'name',
  id: 'fields',
  unique: 'fields',
  index: 'fields',
};
// pg_constraint.confdeltype / confupdtype codes.
const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'c',
  Restrict: 'r',
  NoAction: 'a',
  SetNull: 'n',
  SetDefault: 'd',
};

/** An attribute's arguments by name, refusing attributes and arguments the parser does not model. */
function argsOf(attribute: Attribute, allowed: Record<string, string[]>, where: string): Record<string, Value> {
  if (attribute.name.startsWith('db.')) return {}; // checked by nativeType()
  const known = allowed[attribute.name];
  if (!known) throw unsupported(where, `@${attribute.name}`);
  const args: Record<string, Value> = {};
  for (const arg of attribute.args) {
    const name = arg.name ?? POSITIONAL[attribute.name];
    if (!name || !known.includes(name)) throw unsupported(where, `argument ${name ?? '(positional)'} of @${attribute.name}`);
    args[name] = arg.value;
  }
  return args;
}

function asString(value: Value | undefined, where: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.kind !== 'string') throw new Error(`${where}: expected a string`);
  return value.value;
}

function asNames(value: Value | undefined, where: string): string[] {
  if (value?.kind !== 'list') throw new Error(`${where}: expected a list of field names`);
  return value.items.map((item) => {
    if (item.kind !== 'ident') throw unsupported(where, 'anything but plain field names in a list (sort, length, ...)');
    return item.value;
  });
}

function mapped(attributes: Attribute[], allowed: Record<string, string[]>, where: string): string | undefined {
  const map = attributes.find((attribute) => attribute.name === 'map');
  return map && asString(argsOf(map, allowed, where).name, where);
}

function tableOf(model: ParsedModel): string {
  return mapped(model.attributes, MODEL_ATTRIBUTES, model.name) ?? model.name;
}

function columnOf(model: ParsedModel, fieldName: string): string {
  const field = model.fields.find((candidate) => candidate.name === fieldName);
  if (!field) throw new Error(`${model.name}: no field ${fieldName}`);
  return mapped(field.attributes, FIELD_ATTRIBUTES, `${model.name}.${fieldName}`) ?? field.name;
}

function nativeType(scalar: (typeof SCALAR_TYPES)[string], attribute: Attribute, where: string): string {
  const native = scalar.native[attribute.name.slice('db.'.length)];
  const numbers = attribute.args.map((arg) => (arg.value.kind === 'number' && !arg.name ? arg.value.value : NaN));
  if (!native || numbers.some(Number.isNaN)) throw unsupported(where, `@${attribute.name} here`);
  return native(numbers);
}

/** The default expression PostgreSQL stores for a @default; null when Prisma fills it in itself. */
function expectedDefault(field: ParsedField, value: Value | undefined, where: string): string | null {
  if (value?.kind === 'call' && ['uuid', 'cuid', 'nanoid', 'ulid'].includes(value.name)) return null;
  if (value?.kind === 'call' && value.name === 'now' && !value.args.length) return 'CURRENT_TIMESTAMP';
  if (value?.kind === 'number') return String(value.value);
  if (value?.kind === 'ident' && (value.value === 'true' || value.value === 'false')) return value.value;
  if (value?.kind === 'string' && field.type === 'String') return `'${value.value.replaceAll("'", "''")}'::text`;
  throw unsupported(where, 'this @default');
}

function columnShape(field: ParsedField, where: string): ColumnShape {
  const scalar = SCALAR_TYPES[field.type];
  if (!scalar) throw unsupported(where, `type ${field.type}`);
  if (field.list) throw unsupported(where, 'a scalar list');
  const column: ColumnShape = { type: scalar.type, nullable: field.optional, default: null };
  for (const attribute of field.attributes) {
    const args = argsOf(attribute, FIELD_ATTRIBUTES, where);
    if (attribute.name.startsWith('db.')) column.type = nativeType(scalar, attribute, where);
    if (attribute.name === 'default') column.default = expectedDefault(field, args.value, where);
    if (attribute.name === 'relation') throw new Error(`${where}: @relation on a field that is not a model`);
  }
  return column;
}

/** The foreign key a relation field declares, or null on the other side of the relation. */
function foreignKey(model: ParsedModel, field: ParsedField, related: ParsedModel): ConstraintShape | null {
  const where = `${model.name}.${field.name}`;
  if (field.attributes.some((attribute) => attribute.name !== 'relation')) {
    throw new Error(`${where}: a relation field takes only @relation`);
  }
  const relation = field.attributes[0];
  const args = relation ? argsOf(relation, FIELD_ATTRIBUTES, where) : {};
  if (!args.fields) {
    // The side without the key: the other model must declare it (an implicit many-to-many has a
    // join table, which this parser does not model).
    const declared = related.fields.some(
      (other) => other.type === model.name && other.attributes.some((a) => a.args.some((arg) => arg.name === 'fields')),
    );
    if (!declared) throw unsupported(where, 'a relation without fields on either side');
    return null;
  }
  const fields = asNames(args.fields, where);
  const columns = fields.map((name) => columnOf(model, name));
  const optional = fields.some((name) => model.fields.find((candidate) => candidate.name === name)?.optional);
  const action = (value: Value | undefined, fallback: string): string => {
    const code = REFERENTIAL_ACTIONS[value === undefined ? fallback : value.kind === 'ident' ? value.value : ''];
    if (!code) throw unsupported(where, 'this referential action');
    return code;
  };
  return {
    table: tableOf(model),
    name: asString(args.map, where) ?? defaultName(tableOf(model), columns, 'fkey'),
    type: 'f',
    columns,
    references: {
      table: tableOf(related),
      columns: asNames(args.references, where).map((name) => columnOf(related, name)),
      // Prisma's defaults: Restrict for a required relation, SetNull for an optional one.
      onDelete: action(args.onDelete, optional ? 'SetNull' : 'Restrict'),
      onUpdate: action(args.onUpdate, 'Cascade'),
    },
  };
}

function expectedDatabase(models: ParsedModel[]): DatabaseShape {
  const shape: DatabaseShape = { tables: [], columns: {}, indexes: [], constraints: [] };
  for (const model of models) {
    const table = tableOf(model);
    const columns: Record<string, ColumnShape> = {};
    // Keys and indexes, whether declared on a field (@id, @unique) or on the model (@@...).
    const keys: { kind: string; fields: string[]; map: string | undefined }[] = [];

    for (const field of model.fields) {
      const where = `${model.name}.${field.name}`;
      const related = models.find((candidate) => candidate.name === field.type);
      if (related) {
        const key = foreignKey(model, field, related);
        if (key) shape.constraints.push(key);
        continue;
      }
      columns[columnOf(model, field.name)] = columnShape(field, where);
      for (const attribute of field.attributes) {
        if (attribute.name !== 'id' && attribute.name !== 'unique') continue;
        const map = asString(argsOf(attribute, FIELD_ATTRIBUTES, where).map, where);
        keys.push({ kind: attribute.name, fields: [field.name], map });
      }
    }
    for (const attribute of model.attributes) {
      const where = `${model.name} @@${attribute.name}`;
      const args = argsOf(attribute, MODEL_ATTRIBUTES, where);
      if (attribute.name === 'map') continue;
      keys.push({ kind: attribute.name, fields: asNames(args.fields, where), map: asString(args.map, where) });
    }

    for (const key of keys) {
      const keyColumns = key.fields.map((name) => columnOf(model, name));
      const suffix = key.kind === 'id' ? 'pkey' : key.kind === 'unique' ? 'key' : 'idx';
      const name = key.map ?? defaultName(table, keyColumns, suffix);
      shape.indexes.push({ table, name, columns: keyColumns, unique: key.kind !== 'index', primary: key.kind === 'id' });
      if (key.kind === 'id') shape.constraints.push({ table, name, type: 'p', columns: keyColumns });
    }
    shape.tables.push(table);
    shape.columns[table] = columns;
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
// 3. What the migrated database actually has (pg_catalog), in the same shape.
// ---------------------------------------------------------------------------------------------

// Prisma creates everything in `public`; its own bookkeeping table is not part of the schema.
const USER_TABLES = `n.nspname = 'public' AND t.relname <> '_prisma_migrations'`;

// Column names of an attribute-number array, in its order.
const columnNames = (relation: string, attnums: string) => `
  ARRAY(SELECT a.attname::text FROM unnest(${attnums}) WITH ORDINALITY k(attnum, ord)
          JOIN pg_attribute a ON a.attrelid = ${relation} AND a.attnum = k.attnum ORDER BY k.ord)`;

async function actualDatabase(client: pg.Client): Promise<DatabaseShape> {
  const tables = await client.query<{ name: string }>(`
    SELECT t.relname AS name FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
     WHERE t.relkind IN ('r', 'p') AND ${USER_TABLES}`);

  const columns = await client.query<{ table: string; name: string; not_null: boolean } & Omit<ColumnShape, 'nullable'>>(`
    SELECT t.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a
      JOIN pg_class t ON t.oid = a.attrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE t.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${USER_TABLES}`);

  // Prisma's indexes are plain ascending b-trees on columns; anything else (partial, expression,
  // DESC, INCLUDE, hash...) is folded into the name so that it shows up as a difference.
  const indexes = await client.query<IndexShape & { plain: boolean }>(`
    SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
           (am.amname = 'btree' AND ix.indpred IS NULL AND ix.indexprs IS NULL
             AND ix.indnkeyatts = ix.indnatts AND 0 = ALL (ix.indoption::int2[])) AS plain,
           ${columnNames('t.oid', 'ix.indkey::int2[]')} AS columns
      FROM pg_index ix
      JOIN pg_class i ON i.oid = ix.indexrelid
      JOIN pg_class t ON t.oid = ix.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_am am ON am.oid = i.relam
     WHERE ${USER_TABLES}`);

  const constraints = await client.query<{
    table: string;
    name: string;
    type: string;
    columns: string[];
    ref_table: string | null;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
    SELECT t.relname AS table, c.conname AS name, c.contype AS type,
           ${columnNames('c.conrelid', 'c.conkey')} AS columns,
           r.relname AS ref_table, ${columnNames('c.confrelid', 'c.confkey')} AS ref_columns,
           c.confdeltype AS on_delete, c.confupdtype AS on_update
      FROM pg_constraint c
      JOIN pg_class t ON t.oid = c.conrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      LEFT JOIN pg_class r ON r.oid = c.confrelid
     WHERE ${USER_TABLES}`);

  const shape: DatabaseShape = { tables: tables.rows.map((row) => row.name), columns: {}, indexes: [], constraints: [] };
  for (const { table, name, not_null, ...column } of columns.rows) {
    (shape.columns[table] ??= {})[name] = { ...column, nullable: !not_null };
  }
  for (const { plain, ...index } of indexes.rows) {
    shape.indexes.push({ ...index, name: plain ? index.name : `${index.name} (not a plain ascending b-tree)` });
  }
  for (const { ref_table, ref_columns, on_delete, on_update, ...constraint } of constraints.rows) {
    const references = { table: ref_table ?? '', columns: ref_columns, onDelete: on_delete, onUpdate: on_update };
    shape.constraints.push(constraint.type === 'f' ? { ...constraint, references } : constraint);
  }
  return normalize(shape);
}

// ---------------------------------------------------------------------------------------------
// 4. The tests.
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
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let models: ParsedModel[];
  let expected: DatabaseShape;
  let actual: DatabaseShape;

  beforeAll(async () => {
    models = parseSchema(await readFile(SCHEMA_FILE, 'utf8'));
    expected = expectedDatabase(models);
    database = await freshDatabase('schema');
    actual = await withClient(database.url, actualDatabase);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reads the models, fields, tables and columns as Prisma does (generated client)', async () => {
    const generated = await readFile(GENERATED_CLIENT, 'utf8');
    const literal = /config\.runtimeDataModel = JSON\.parse\(("(?:[^"\\]|\\.)*")\)/.exec(generated)?.[1];
    if (!literal) throw new Error(`no runtimeDataModel found in ${GENERATED_CLIENT}: run npm run db:generate`);
    const prisma = JSON.parse(JSON.parse(literal) as string) as {
      models: Record<string, { dbName: string | null; fields: { name: string; kind: string; type: string; dbName?: string }[] }>;
    };
    const fromPrisma = Object.entries(prisma.models).map(([name, model]) => ({
      name,
      table: model.dbName ?? name,
      fields: model.fields.map((field) => ({
        name: field.name,
        type: field.type,
        column: field.kind === 'scalar' ? (field.dbName ?? field.name) : null,
      })),
    }));
    const fromParser = models.map((model) => ({
      name: model.name,
      table: tableOf(model),
      fields: model.fields.map((field) => ({
        name: field.name,
        type: field.type,
        column: models.some((other) => other.name === field.type) ? null : columnOf(model, field.name),
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

  it('has the primary keys, unique indexes and indexes, named as Prisma names them, and the hand-written ones', () => {
    const PARTIAL = ' (not a plain ascending b-tree)';
    const handWritten = (index: IndexShape) => HAND_WRITTEN_INDEXES.some((name) => `${index.table}.${index.name}` === `${name}${PARTIAL}`);
    expect(actual.indexes.filter((index) => !handWritten(index))).toEqual(expected.indexes);
    expect(actual.indexes.filter(handWritten).map((index) => `${index.table}.${index.name}`)).toEqual(
      HAND_WRITTEN_INDEXES.map((name) => `${name}${PARTIAL}`),
    );
  });

  it('has the primary key and foreign key constraints, the hand-written checks, and no other constraint', () => {
    const checks = actual.constraints.filter((c) => c.type === 'c').map((c) => `${c.table}.${c.name}`);
    expect(checks.sort()).toEqual([...HAND_WRITTEN_CHECKS].sort());
    expect(actual.constraints.filter((c) => c.type !== 'c')).toEqual(expected.constraints);
  });

  it('has no other objects (views, sequences, types, triggers, functions but the hand-written ones)', async () => {
    const url = database?.url ?? '';
    const { rows } = await withClient(url, (client) =>
      client.query<{ object: string }>(`
        SELECT 'relkind ' || relkind::text || ' ' || relname AS object
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = 'public' AND relkind NOT IN ('r', 'i')
        UNION ALL
        SELECT 'type ' || typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'r', 'm')
        UNION ALL
        SELECT 'trigger ' || tgname FROM pg_trigger WHERE NOT tgisinternal
        UNION ALL
        SELECT 'function ' || proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE n.nspname = 'public'`),
    );
    expect(rows.map((row) => row.object).sort()).toEqual([...HAND_WRITTEN_FUNCTIONS].sort());
  });
});

describe("the migrator keeps prisma migrate deploy's bookkeeping", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>> | undefined;
  let url = '';
  let scratch = ''; // a copy of prisma/migrations that tests add migrations to

  const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []) =>
    (await withClient(url, (client) => client.query<R>(sql, values))).rows;
  const addMigration = async (name: string, sql: string) => {
    await mkdir(path.join(scratch, name));
    await writeFile(path.join(scratch, name, 'migration.sql'), sql);
  };
  const firstRow = async () => {
    const [row] = await query<{ id: string; checksum: string; migration_name: string }>(
      'SELECT id, checksum, migration_name FROM _prisma_migrations ORDER BY started_at LIMIT 1',
    );
    if (!row) throw new Error('no migration recorded');
    return row;
  };

  beforeAll(async () => {
    database = await freshDatabase('migrator');
    url = database.url;
    scratch = await mkdtemp(path.join(tmpdir(), 'cs-migrations-'));
    await cp(MIGRATIONS_DIR, scratch, { recursive: true });
  });
  afterAll(async () => {
    await database?.drop();
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('records every migration folder, finished, with the SHA-256 of its file', async () => {
    const folders = (await readdir(MIGRATIONS_DIR, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders.length).toBeGreaterThan(0);
    const files = await Promise.all(folders.map((name) => readFile(path.join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8')));

    const rows = await query('SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name');
    expect(rows).toEqual(
      folders.map((name, i) => ({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
        checksum: sha256(files[i] ?? ''),
        migration_name: name,
        started_at: expect.any(Date),
        finished_at: expect.any(Date),
        rolled_back_at: null,
        logs: null,
        applied_steps_count: 1,
      })),
    );
  });

  it('creates _prisma_migrations exactly as Prisma does', async () => {
    const columns = await query(`
      SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null,
             pg_get_expr(d.adbin, d.adrelid) AS default
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE a.attrelid = '"_prisma_migrations"'::regclass AND a.attnum > 0 AND NOT a.attisdropped
       ORDER BY a.attnum`);
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
    expect(await migrate(url)).toEqual({ applied: [] });
  });

  it('refuses to go on when an applied migration was edited', async () => {
    const row = await firstRow();
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', ['0'.repeat(64), row.id]);
    try {
      await expect(migrate(url)).rejects.toThrow(`${row.migration_name} was changed after it was applied`);
    } finally {
      await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [row.checksum, row.id]);
    }
  });

  it('accepts the checksum of the same file with other line endings, as Prisma does', async () => {
    const row = await firstRow();
    const file = await readFile(path.join(MIGRATIONS_DIR, row.migration_name, 'migration.sql'), 'utf8');
    const windows = sha256(file.replaceAll('\n', '\r\n'));
    await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [windows, row.id]);
    try {
      expect(await migrate(url)).toEqual({ applied: [] });
    } finally {
      await query('UPDATE _prisma_migrations SET checksum = $1 WHERE id = $2', [row.checksum, row.id]);
    }
  });

  it('applies a new migration once when two migrators race (advisory lock)', async () => {
    await addMigration('29990101000000_add_probe', 'CREATE TABLE "probe" ("id" INTEGER NOT NULL);\n');
    const runs = await Promise.all([migrate(url, { migrationsDir: scratch }), migrate(url, { migrationsDir: scratch })]);
    expect(runs.flatMap((run) => run.applied)).toEqual(['29990101000000_add_probe']);
    expect(await query(`SELECT migration_name FROM _prisma_migrations WHERE migration_name LIKE '2999%'`)).toEqual([
      { migration_name: '29990101000000_add_probe' },
    ]);
  });

  it('rolls a failing migration back, keeps its row unfinished with the error, then blocks', async () => {
    const broken = '29990102000000_broken';
    await addMigration(broken, 'CREATE TABLE "half_done" ("id" INTEGER);\nSELECT no_such_function();\n');
    await expect(migrate(url, { migrationsDir: scratch })).rejects.toThrow(`${broken} failed`);
    const [row] = await query('SELECT finished_at, rolled_back_at, logs FROM _prisma_migrations WHERE migration_name = $1', [broken]);
    expect(row).toEqual({ finished_at: null, rolled_back_at: null, logs: expect.stringContaining('no_such_function') });
    expect(await query(`SELECT to_regclass('half_done') AS t`)).toEqual([{ t: null }]); // its own transaction

    // The next run refuses, naming it, and applies nothing after it either.
    await addMigration('29990103000000_after', 'CREATE TABLE "after" ("id" INTEGER);\n');
    await expect(migrate(url, { migrationsDir: scratch })).rejects.toThrow(`${broken} started but did not finish`);
    expect(await query(`SELECT to_regclass('after') AS t`)).toEqual([{ t: null }]);

    // Marked rolled back (as `prisma migrate resolve --rolled-back` does) and fixed: applied again.
    await query('UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1', [broken]);
    await writeFile(path.join(scratch, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INTEGER);\n');
    expect(await migrate(url, { migrationsDir: scratch })).toEqual({ applied: [broken, '29990103000000_after'] });
  });

  it('is blocked by any unfinished row, naming it', async () => {
    await query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)', [
      '00000000-0000-4000-8000-000000000000',
      '0'.repeat(64),
      '29990104000000_interrupted',
    ]);
    await expect(migrate(url)).rejects.toThrow('29990104000000_interrupted started but did not finish');
  });

  it('creates a missing database, also when two processes race to do it', async () => {
    const target = new URL(url);
    const name = `${target.pathname.slice(1)}_ensure`;
    target.pathname = `/${name}`;
    const maintenance = new URL(url);
    maintenance.pathname = '/postgres';
    try {
      await Promise.all([ensureDatabase(target.toString()), ensureDatabase(target.toString())]);
      expect((await withClient(target.toString(), (client) => client.query('SELECT 1 AS ok'))).rows).toEqual([{ ok: 1 }]);
    } finally {
      await withClient(maintenance.toString(), (client) => client.query(`DROP DATABASE IF EXISTS "${name}"`));
    }
  });
});
