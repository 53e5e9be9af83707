import { randomBytes } from 'node:crypto';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { deliveryIds, RANDOM_BYTES_PER_ID } from '../../src/core/outbox/delivery-id.js';
import type { Runtime } from '../../src/runtime.js';
import { DELIVERY_COLUMNS } from '../../src/store/delivery.repository.js';

/**
 * Ids as the fan-out makes them (time-ordered, a batch of 5,000 per millisecond): random ones would
 * land all over the primary key and, at a million rows, slow the baseline down, not Dabyl.
 */
function timeOrderedIds(n: number): string[] {
  const ids: string[] = [];
  const start = Date.now();
  for (let i = 0; i < n; i += 5000)
    ids.push(...deliveryIds(start + i / 5000, randomBytes(RANDOM_BYTES_PER_ID * Math.min(5000, n - i))));
  return ids;
}

/**
 * The baseline the fan-out benches compare against: the same delivery rows as `sourceId`'s (only its
 * message `sequence`'s if given: an alert thread's Cancel shares the original's source id), fresh
 * time-ordered ids, written by the plainest fast path (better-sqlite3 prepared statement in one transaction;
 * pg multi-row INSERTs in one transaction), then removed. Returns the insert's ms.
 */
export async function rawInsert(
  rt: Runtime,
  dir: string,
  schema: string,
  pgUrl: string,
  sourceId: string,
  sequence?: number,
): Promise<number> {
  const db = rt.ctx.db.kysely;
  let query = db.selectFrom('deliveries').selectAll().where('source_id', '=', sourceId);
  if (sequence !== undefined) query = query.where('sequence', '=', sequence);
  const found = await query.execute();
  const ids = timeOrderedIds(found.length);
  const rows = found.map((r, i) =>
    DELIVERY_COLUMNS.map((c) => (c === 'id' ? ids[i] : c === 'source_id' ? 'raw' : r[c])),
  );
  if (rt.ctx.db.engine === 'sqlite') {
    const sqlite = new SQLite(path.join(dir, 'dabyl.sqlite'));
    sqlite.pragma('synchronous = NORMAL');
    // Starts from a database whose WAL is copied back, whatever the runs before it left behind.
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const insert = sqlite.prepare(
      `insert into deliveries (${DELIVERY_COLUMNS.join(',')}) values (${DELIVERY_COLUMNS.map(() => '?').join(',')})`,
    );
    const t = performance.now();
    sqlite.transaction(() => {
      for (const r of rows) insert.run(...r);
    })();
    const ms = performance.now() - t;
    sqlite.prepare(`delete from deliveries where source_id = 'raw'`).run();
    sqlite.close();
    return ms;
  }
  const client = new pg.Client({ connectionString: pgUrl, options: `-c search_path=${schema}` });
  await client.connect();
  const chunk = 1000;
  const n = DELIVERY_COLUMNS.length;
  const t = performance.now();
  await client.query('begin');
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    const tuples = part.map((_, r) => `(${DELIVERY_COLUMNS.map((_, c) => `$${r * n + c + 1}`).join(',')})`);
    await client.query(
      `insert into deliveries (${DELIVERY_COLUMNS.join(',')}) values ${tuples.join(',')}`,
      part.flat(),
    );
  }
  await client.query('commit');
  const ms = performance.now() - t;
  await client.query(`delete from deliveries where source_id = 'raw'`);
  await client.end();
  return ms;
}
