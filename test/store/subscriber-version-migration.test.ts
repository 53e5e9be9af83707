import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { subscriberRepository as subscribers } from '../../src/store/subscriber.repository.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0043 puts the subscribers' version in a counter the database keeps. Tried on a
 * populated database: every subscriber, contact and place is still there, the version can be read
 * at once, and from then on the counter moves with the next write.
 */
describe.each(ENGINES)('migration 0043 (subscriber version) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;
  const at = '2026-12-01T00:00:00.000Z';
  const id = (i: number) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0042-delivery-indexes');
    db = migration.db;
    for (let i = 0; i < 20; i++) {
      await db.kysely
        .insertInto('subscribers')
        .values({
          id: id(i),
          email: `r${i}@mail.kz`,
          name: null,
          language: 'kk',
          channels: '["email"]',
          status: i % 4 ? 'active' : 'unsubscribed',
          confirm_token_hash: null,
          confirm_expires_at: null,
          manage_token_hash: `hash-${i}`,
          created_at: at,
          confirmed_at: at,
          updated_at: at,
        })
        .execute();
      await subscribers.setContact(db.kysely, id(i), 'email', `r${i}@mail.kz`, at);
      await subscribers.verifyContact(db.kysely, id(i), 'email', at);
      await subscribers.insertPlaces(db.kysely, [
        {
          id: `p-${id(i)}`,
          subscriber_id: id(i),
          kind: 'city',
          label: 'Алматы',
          lon: 76.9,
          lat: 43.2,
          radius_m: 1000,
        },
      ]);
    }
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it('keeps every subscriber, contact and place', async () => {
    const count = async (t: 'subscribers' | 'contacts' | 'subscription_places') =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<string | number>().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    expect([await count('subscribers'), await count('contacts'), await count('subscription_places')]).toEqual(
      [20, 20, 20],
    );
    expect(await subscribers.activePlaces(db.kysely)).toHaveLength(15);
  });

  it('has a version at once, which the next write on any of the three tables moves', async () => {
    let version = await subscribers.activeVersion(db.kysely);
    expect(version).toMatch(/^\d+$/);
    expect(await subscribers.everyVersion(db.kysely)).toBe(version);
    const writes = [
      () => subscribers.update(db.kysely, id(1), 'active', { status: 'unsubscribed', updated_at: at }),
      () => subscribers.verifyContact(db.kysely, id(2), 'email', at),
      () => subscribers.replacePlaces(db.kysely, id(3), []),
    ];
    for (const write of writes) {
      await write();
      const next = await subscribers.activeVersion(db.kysely);
      expect(next).not.toBe(version);
      version = next;
    }
  });

  it('no longer keeps the index that served the old count', async () => {
    const indexes =
      engine === 'postgres'
        ? await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema() and tablename = 'subscribers'`.execute(db.kysely)
        : await sql<{ name: string }>`select name from sqlite_master
            where type = 'index' and tbl_name = 'subscribers'`.execute(db.kysely);
    const names = indexes.rows.map((r) => r.name);
    expect(names).toContain('subscribers_status');
    expect(names).not.toContain('subscribers_status_updated');
  });
});
