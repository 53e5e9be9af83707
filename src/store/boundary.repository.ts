import { sql, type Kysely } from 'kysely';
import type { BoundaryRow, BoundarySetTable, BoundaryTable } from './boundary-tables.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/** A boundary without its geometry and alert ring: what lists show. */
export type BoundarySummaryRow = Omit<BoundaryRow, 'geometry' | 'alert_ring'>;

const SUMMARY = [
  'b.id',
  'b.set_name',
  'b.code',
  'b.level',
  'b.region',
  'b.name_kk',
  'b.name_ru',
  'b.name_en',
  'b.parts',
  'b.points',
  'b.west',
  'b.south',
  'b.east',
  'b.north',
  's.approximate',
] as const;

/** Boundary sets and their boundaries; a set is only ever written whole. */
export const boundaryRepository = {
  /**
   * Serialises changes to boundary sets on PostgreSQL, so two imports of one set at once replace it
   * one after the other instead of clashing on its name (SQLite has one writer anyway).
   */
  lockSets: async (db: Q, engine: 'sqlite' | 'postgres'): Promise<void> => {
    if (engine === 'postgres') await sql`select pg_advisory_xact_lock(4242040)`.execute(db);
  },
  sets: (db: Q) =>
    db
      .selectFrom('boundary_sets as s')
      .leftJoin('users as u', 'u.id', 's.imported_by')
      .select([
        's.name',
        's.approximate',
        's.features',
        's.imported_at',
        's.imported_by',
        'u.display_name as imported_by_name',
      ])
      .orderBy('s.name')
      .execute(),
  set: (db: Q, name: string) =>
    db.selectFrom('boundary_sets').selectAll().where('name', '=', name).executeTakeFirst(),
  /** Summaries of every set's boundaries, of one level when given. */
  list: (db: Q, level?: string): Promise<(BoundarySummaryRow & { approximate: number })[]> => {
    let q = db
      .selectFrom('boundaries as b')
      .innerJoin('boundary_sets as s', 's.name', 'b.set_name')
      .select(SUMMARY);
    if (level) q = q.where('b.level', '=', level);
    return q.orderBy('b.name_en').orderBy('b.id').execute();
  },
  get: (db: Q, id: string) =>
    db
      .selectFrom('boundaries as b')
      .innerJoin('boundary_sets as s', 's.name', 'b.set_name')
      .select([...SUMMARY, 'b.geometry', 'b.alert_ring'])
      .where('b.id', '=', id)
      .executeTakeFirst(),
  /** The ids a set's codes have now, so a re-import keeps them for the same codes. */
  idsByCode: async (db: Q, setName: string): Promise<Map<string, string>> =>
    new Map(
      (
        await db.selectFrom('boundaries').select(['code', 'id']).where('set_name', '=', setName).execute()
      ).map((r) => [r.code, r.id]),
    ),
  /** Removes a set and its boundaries; answers how many boundaries it held (null: no such set). */
  remove: async (db: Q, name: string): Promise<number | null> => {
    const set = await db
      .selectFrom('boundary_sets')
      .select('features')
      .where('name', '=', name)
      .executeTakeFirst();
    if (!set) return null;
    await db.deleteFrom('boundaries').where('set_name', '=', name).execute();
    await db.deleteFrom('boundary_sets').where('name', '=', name).execute();
    return Number(set.features);
  },
  insertSet: async (db: Q, row: BoundarySetTable): Promise<void> => {
    await db.insertInto('boundary_sets').values(row).execute();
  },
  /**
   * Stores the alert ring of a boundary that had none, computed from `geometry`. Only while the row
   * still has that geometry and no ring: an import that replaced the outline meanwhile (keeping the
   * id) wrote its own, which a ring of the old outline must not overwrite.
   */
  fillAlertRing: async (db: Q, id: string, geometry: string, alertRing: string): Promise<void> => {
    await db
      .updateTable('boundaries')
      .set({ alert_ring: alertRing })
      .where('id', '=', id)
      .where('alert_ring', 'is', null)
      .where('geometry', '=', geometry)
      .execute();
  },
  /** Inserts in batches small enough for SQLite's and PostgreSQL's bound-parameter limits. */
  insertBoundaries: async (db: Q, rows: readonly BoundaryTable[]): Promise<void> => {
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('boundaries')
        .values(rows.slice(i, i + 200))
        .execute();
  },
};
