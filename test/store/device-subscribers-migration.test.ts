import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0022 lets a subscriber have no e-mail (a device). On SQLite it rebuilds the table, so
 * it is tried on a populated database: every subscriber, contact and place is still there, and
 * the references between them still hold.
 */
describe.each(ENGINES)('migration 0022 (device subscribers) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;
  const at = '2026-12-01T00:00:00.000Z';

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0018-alerts');
    db = migration.db;
    for (let i = 0; i < 20; i++) {
      const id = `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
      await db.kysely
        .insertInto('subscribers')
        .values({
          id,
          email: `r${i}@mail.kz`,
          name: null,
          language: 'kk',
          channels: '["email"]',
          status: 'active',
          confirm_token_hash: null,
          confirm_expires_at: null,
          manage_token_hash: `hash-${i}`,
          created_at: at,
          confirmed_at: at,
          updated_at: at,
        })
        .execute();
      await db.kysely
        .insertInto('contacts')
        .values({
          id: `email-${id}`,
          subscriber_id: id,
          channel: 'email',
          address: `r${i}@mail.kz`,
          verified_at: at,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await db.kysely
        .insertInto('subscription_places')
        .values({
          id: `p-${id}`,
          subscriber_id: id,
          kind: 'city',
          label: 'Алматы',
          lon: 76.9,
          lat: 43.2,
          radius_m: 1000,
        })
        .execute();
    }
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it('keeps every subscriber, contact and place, and the links between them', async () => {
    const count = async (t: 'subscribers' | 'contacts' | 'subscription_places') =>
      Number(
        (
          await db.kysely
            .selectFrom(t)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('subscribers')).toBe(20);
    expect(await count('contacts')).toBe(20);
    expect(await count('subscription_places')).toBe(20);
    const one = await db.kysely
      .selectFrom('subscribers')
      .selectAll()
      .where('email', '=', 'r7@mail.kz')
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({ status: 'active', manage_token_hash: 'hash-7', message_sequence: 0 });
    // Deleting a subscriber still takes its contacts and places with it.
    await db.kysely.deleteFrom('subscribers').where('id', '=', one.id).execute();
    expect(await count('contacts')).toBe(19);
    expect(await count('subscription_places')).toBe(19);
  });

  it('takes subscribers without an e-mail, while a given address stays unique', async () => {
    const row = (id: string, email: string | null) => ({
      id,
      email,
      name: null,
      language: 'ru',
      channels: '["webpush"]',
      status: 'active',
      confirm_token_hash: null,
      confirm_expires_at: null,
      manage_token_hash: `hash-${id}`,
      created_at: at,
      confirmed_at: at,
      updated_at: at,
    });
    await db.kysely
      .insertInto('subscribers')
      .values([row('device-1', null), row('device-2', null)])
      .execute();
    await expect(
      db.kysely.insertInto('subscribers').values(row('dup', 'r1@mail.kz')).execute(),
    ).rejects.toThrow();
  });
});
