import type { Kysely } from 'kysely';

/*
 * Boundary sets an administrator imports from GeoJSON, for the alert composer to pick a region,
 * district or city from. A set is replaced whole (one transaction) and never edited feature by
 * feature; `approximate` says its outlines are drawn roughly (the demo's), so the console can say
 * so wherever one is picked. A boundary keeps its GeoJSON geometry as text, [lon, lat], with what
 * the list shows without reading it: parts, points and the bounding box.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('boundary_sets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('approximate', 'integer', (c) => c.notNull())
    .addColumn('features', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('boundaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('set_name', 'text', (c) => c.notNull().references('boundary_sets.name'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('name_kk', 'text', (c) => c.notNull())
    .addColumn('name_ru', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('geometry', 'text', (c) => c.notNull())
    .addColumn('parts', 'integer', (c) => c.notNull())
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('west', 'double precision', (c) => c.notNull())
    .addColumn('south', 'double precision', (c) => c.notNull())
    .addColumn('east', 'double precision', (c) => c.notNull())
    .addColumn('north', 'double precision', (c) => c.notNull())
    .addUniqueConstraint('boundaries_set_code', ['set_name', 'code'])
    .execute();
  await db.schema.createIndex('boundaries_level').on('boundaries').columns(['level', 'name_en']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Dabyl migrations only go forward; restore a backup to go back');
}
