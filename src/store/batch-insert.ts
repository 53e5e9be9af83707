import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Inserts many rows in statements of `batch` rows, compiling the statement once: every full batch
 * has the same SQL text, and building a statement of thousands of parameters through Kysely costs
 * about as much as SQLite's running it. The rows must all have the same columns in the same order
 * (a row missing one would compile to DEFAULT); the first batch's own compilation checks that the
 * reused parameters line up, and anything else falls back to compiling each batch.
 */
export async function insertBatches<T extends keyof Database & string>(
  db: Kysely<Database>,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  batch: number,
): Promise<void> {
  let template: string | null = null;
  let columns: string[] = [];
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    if (template !== null && slice.length === batch) {
      const parameters = flatten(slice, columns);
      if (parameters) {
        await db.executeQuery(CompiledQuery.raw(template, parameters));
        continue;
      }
    }
    // Kysely's insert types are too deep to state generically here; the caller's rows are typed.
    const compiled = db
      .insertInto(table)
      .values(slice as never)
      .compile();
    await db.executeQuery(compiled);
    if (template === null && slice.length === batch) {
      columns = Object.keys(slice[0] as object);
      const own = flatten(slice, columns);
      if (
        own &&
        own.length === compiled.parameters.length &&
        own.every((v, k) => v === compiled.parameters[k])
      )
        template = compiled.sql;
    }
  }
}

/** The rows' values, row by row in `columns` order; null when a row's columns differ. */
function flatten(rows: readonly object[], columns: readonly string[]): unknown[] | null {
  const out: unknown[] = [];
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length) return null;
    for (let c = 0; c < columns.length; c++) {
      if (keys[c] !== columns[c]) return null;
      const value = (row as Record<string, unknown>)[columns[c]!];
      if (value === undefined) return null;
      out.push(value);
    }
  }
  return out;
}
