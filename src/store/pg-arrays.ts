import { CompiledQuery, PostgresAdapter, sql, type Insertable, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** Kysely exposes the dialect only through its executor (documented as internal, typed and stable). */
export const onPostgres = (db: Q): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** A column's element type in a PostgreSQL array. */
export type PgElement = 'text' | 'int4';

/**
 * Many rows in one PostgreSQL statement with one array parameter per column, `insert … select *
 * from unnest($1::text[], …)`, instead of a VALUES list with a parameter per cell. The server
 * parses and binds a handful of parameters instead of thousands: a burst of 1,000 injects wrote
 * its fan-outs in 43 ms as 9,000 parameters and in about half that as nine arrays. `columns`
 * gives every column written, in order, with its type; a row lacking one writes NULL.
 */
export function unnestInsert(
  table: string,
  columns: Readonly<Record<string, PgElement>>,
  rows: readonly object[],
  tail = '',
): CompiledQuery {
  const names = Object.keys(columns);
  const arrays = names.map((name) => rows.map((row) => (row as Record<string, unknown>)[name] ?? null));
  const casts = names.map((name, i) => `$${i + 1}::${columns[name]}[]`);
  return CompiledQuery.raw(
    `insert into ${table} (${names.join(', ')}) select * from unnest(${casts.join(', ')}) ${tail}`.trimEnd(),
    arrays,
  );
}

/** Rows a statement on SQLite, within its limit on parameters for the widest table written so. */
const SQLITE_ROWS = 200;

/**
 * One row, or a batch, in as few statements as each engine does best: one statement of arrays on
 * PostgreSQL (see {@link unnestInsert}), {@link SQLITE_ROWS} rows a statement on SQLite.
 */
export async function insertRows<T extends keyof Database & string>(
  db: Q,
  table: T,
  columns: Readonly<Record<string, PgElement>>,
  rows: Insertable<Database[T]> | readonly Insertable<Database[T]>[],
): Promise<void> {
  const list = (Array.isArray(rows) ? rows : [rows]) as readonly Insertable<Database[T]>[];
  if (list.length > 1 && onPostgres(db)) {
    await db.executeQuery(unnestInsert(table, columns, list));
    return;
  }
  // Kysely cannot check a table chosen by a type parameter; the rows' type is that table's.
  const into = db.insertInto(table) as unknown as {
    values(rows: readonly object[]): { execute(): Promise<unknown> };
  };
  for (let i = 0; i < list.length; i += SQLITE_ROWS)
    await into.values(list.slice(i, i + SQLITE_ROWS)).execute();
}

/** `column = any($1::text[])`: one parameter however many values, where `in (…)` takes one each. */
export const anyOf = (column: string, values: readonly string[]): RawBuilder<boolean> =>
  sql<boolean>`${sql.ref(column)} = any(${values as string[]}::text[])`;
