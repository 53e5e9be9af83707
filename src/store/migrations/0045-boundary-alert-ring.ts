import { sql, type Kysely } from 'kysely';
import { alertRingText } from '../../core/boundary/alert-ring.js';
import type { BoundaryGeometry } from '../../core/boundary/boundary.check.js';
import { detectEngine } from './0001-people-and-audit.js';

/*
 * The alert ring of a boundary (the outline covered by at most 100 positions, for a CAP polygon),
 * stored with it. It was computed on each first read and kept in memory per process: an
 * 80,000-point outline took about 3 s, blocking the server on the first GET of that boundary —
 * during an emergency, while someone composes an alert. Now the import computes it and this
 * column keeps it.
 *
 * One nullable text column, the ring's JSON as served. A boundary of several parts has no ring: the
 * JSON text `null`, so that SQL NULL keeps one meaning only, "not computed yet" — a row a process
 * from before this migration wrote, or one a later change of the cover sets back to NULL so that
 * it is computed afresh. A read fills such a row once. One column rather than a ring and a
 * "computed" flag: the two could not disagree.
 *
 * The rows already there get their ring here (they are few: the demo's outlines, a set or two):
 * read in batches of a few outlines by id, so a large table is never held in memory whole. The
 * cover is the application's (`src/core/boundary/alert-ring.ts`), as reads compute it. A row whose
 * stored outline the cover cannot take is left NULL rather than stopping the upgrade: its read
 * tries again, and fails, exactly as it did before.
 */
const BATCH = 20;

async function fill(db: Kysely<unknown>): Promise<void> {
  let after = '';
  for (;;) {
    const { rows } = await sql<{ id: string; geometry: string }>`
      select id, geometry from boundaries where id > ${after} order by id limit ${BATCH}`.execute(db);
    for (const row of rows) {
      let ring: string;
      try {
        ring = alertRingText(JSON.parse(row.geometry) as BoundaryGeometry);
      } catch {
        continue;
      }
      await sql`update boundaries set alert_ring = ${ring} where id = ${row.id}`.execute(db);
    }
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  if (detectEngine(db) === 'postgres') {
    // The migrator runs each migration in a transaction of its own on PostgreSQL.
    await sql`alter table boundaries add column alert_ring text`.execute(db);
    await fill(db);
    return;
  }
  // One transaction (SQLite's migrations run without one): a process killed while filling would
  // otherwise leave the column added and the migration unable to run again.
  await db.transaction().execute(async (trx) => {
    await sql`alter table boundaries add column alert_ring text`.execute(trx);
    await fill(trx);
  });
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
