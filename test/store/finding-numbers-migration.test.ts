import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0033 on findings numbered before it: a number two evaluators were both given is made
 * contiguous again in the order the report showed them, so the unique index can be built.
 */
const AT = '2026-10-25T06:00:00.000Z';
const LATER = '2026-10-25T06:05:00.000Z';
const EXERCISE = '11111111-1111-4111-8111-111111111111';
const CAPABILITY = '22222222-2222-4222-8222-222222222222';

describe.each(ENGINES)('migration 0033: finding numbers become unique (%s)', (engine) => {
  let migration: DbAtMigration;
  let db: Db;

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0032-measured-metrics');
    db = migration.db;
    const k = db.kysely;
    await sql`INSERT INTO exercises (id, name, type, status, time_zone, startex, endex, msel_approval, version,
      created_at, updated_at)
      VALUES (${EXERCISE}, 'Karaganda', 'drill', 'ended', 'Asia/Almaty', ${AT}, ${AT}, 'draft', 1, ${AT}, ${AT})`.execute(
      k,
    );
    await sql`INSERT INTO core_capabilities (id, name, mission_area, description, builtin)
      VALUES (${CAPABILITY}, 'Operational coordination', 'response', '', 0)`.execute(k);
    for (const [id, kind, position, created] of [
      ['s-a', 'strength', 1, AT],
      ['s-c', 'strength', 2, LATER],
      ['s-b', 'strength', 2, AT],
      ['s-d', 'strength', 3, AT],
      ['i-a', 'improvement', 1, AT],
      ['i-b', 'improvement', 1, LATER],
    ] as const)
      await sql`INSERT INTO findings (id, exercise_id, core_capability_id, kind, position, text, analysis,
        observation_ids, version, created_at, updated_at)
        VALUES (${id}, ${EXERCISE}, ${CAPABILITY}, ${kind}, ${position}, ${id}, '', '[]', 1, ${created}, ${created})`.execute(
        k,
      );
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it('gives each finding a number of its own, in the order they were shown', async () => {
    const rows = await db.kysely
      .selectFrom('findings')
      .select(['id', 'kind', 'position'])
      .orderBy('kind')
      .orderBy('position')
      .execute();
    expect(rows).toEqual([
      { id: 'i-a', kind: 'improvement', position: 1 },
      { id: 'i-b', kind: 'improvement', position: 2 },
      { id: 's-a', kind: 'strength', position: 1 },
      { id: 's-b', kind: 'strength', position: 2 },
      { id: 's-c', kind: 'strength', position: 3 },
      { id: 's-d', kind: 'strength', position: 4 },
    ]);
  });

  it('then refuses a number given twice', async () => {
    await expect(
      sql`INSERT INTO findings (id, exercise_id, core_capability_id, kind, position, text, analysis,
        observation_ids, version, created_at, updated_at)
        VALUES ('s-e', ${EXERCISE}, ${CAPABILITY}, 'strength', 4, 'again', '', '[]', 1, ${AT}, ${AT})`.execute(
        db.kysely,
      ),
    ).rejects.toThrow(/unique|duplicate/i);
  });
});
