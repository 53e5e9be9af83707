import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0016 on notices written before it: a notice copied from an exercise takes the
 * exercise's lead organisation; one of no exercise, or of an exercise led by nobody, belongs to none.
 */
const AT = '2026-10-20T06:00:00.000Z';
const ORG = '11111111-1111-4111-8111-111111111111';
const LED = '22222222-2222-4222-8222-222222222222';
const UNLED = '33333333-3333-4333-8333-333333333333';

describe.each(ENGINES)('migration 0016: notices gain their organisation (%s)', (engine) => {
  let migration: DbAtMigration;
  let db: Db;

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0012-sign-in-throttle');
    db = migration.db;
    const k = db.kysely;
    await sql`INSERT INTO organisations (id, name, kind, created_at) VALUES (${ORG}, 'Karaganda police', 'police', ${AT})`.execute(
      k,
    );
    for (const [id, lead] of [
      [LED, ORG],
      [UNLED, null],
    ] as const)
      await sql`INSERT INTO exercises (id, name, type, status, time_zone, startex, endex, lead_organisation_id,
        msel_approval, version, created_at, updated_at)
        VALUES (${id}, ${id}, 'drill', 'draft', 'Asia/Almaty', ${AT}, ${AT}, ${lead}, 'draft', 1, ${AT}, ${AT})`.execute(
        k,
      );
    for (const [slug, exercise] of [
      ['led', LED],
      ['unled', UNLED],
      ['none', null],
    ] as const)
      await sql`INSERT INTO notices (id, exercise_id, slug, status, time_zone, starts_at, ends_at, texts, areas,
        revision, version, created_at, updated_at)
        VALUES (${slug === 'led' ? '44444444-4444-4444-8444-444444444444' : slug === 'unled' ? '55555555-5555-4555-8555-555555555555' : '66666666-6666-4666-8666-666666666666'},
        ${exercise}, ${slug}, 'draft', 'Asia/Almaty', ${AT}, ${AT}, '{}', '[]', 0, 1, ${AT}, ${AT})`.execute(
        k,
      );
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it("gives each notice its exercise's lead organisation, and none where there is none", async () => {
    const rows = await db.kysely
      .selectFrom('notices')
      .select(['slug', 'organisation_id'])
      .orderBy('slug')
      .execute();
    expect(rows).toEqual([
      { slug: 'led', organisation_id: ORG },
      { slug: 'none', organisation_id: null },
      { slug: 'unled', organisation_id: null },
    ]);
  });
});
