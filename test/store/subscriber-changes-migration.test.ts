import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { circlePolygon } from '../../src/core/alert/area.js';
import { placeIndex } from '../../src/services/subscriptions/place-index.js';
import type { Db } from '../../src/store/db.js';
import { subscriberRepository as subscribers } from '../../src/store/subscriber.repository.js';
import { ENGINES } from '../support/engines.js';
import { subscriberRow } from '../support/subscribers.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0046 logs which subscribers change. Tried on a populated database: everyone is still
 * reached, the log starts empty at the version the database had, the counter still moves with
 * every write (SQLite's triggers were replaced), and each later change is logged once per
 * subscriber with the version it made.
 */
describe.each(ENGINES)('migration 0046 (subscriber changes) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;
  let versionBefore = '';
  const at = '2026-12-06T00:00:00.000Z';
  const id = (i: number) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`;
  const logged = async () =>
    (await db.kysely
      .withTables<{ subscriber_changes: { subscriber_id: string; version: string | number } }>()
      .selectFrom('subscriber_changes')
      .selectAll()
      .orderBy('subscriber_id')
      .execute()) as { subscriber_id: string; version: string | number }[];

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0045-boundary-alert-ring');
    db = migration.db;
    for (let i = 0; i < 12; i++) {
      await subscribers.insert(
        db.kysely,
        subscriberRow(id(i), at, {
          email: `r${i}@mail.kz`,
          language: 'ru',
          status: i % 4 ? 'active' : 'unsubscribed',
        }),
      );
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
    versionBefore = await subscribers.activeVersion(db.kysely);
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  const reached = async () =>
    [...(await placeIndex(db)).matchEach([circlePolygon(76.9, 43.2, 500)])].flat().length;

  it('reaches everyone it reached and starts an empty log at the version the database had', async () => {
    expect(await reached()).toBe(9);
    expect(await logged()).toEqual([]);
    expect(await subscribers.activeVersion(db.kysely)).toBe(versionBefore);
    expect(await subscribers.changedSince(db.kysely, versionBefore, 100)).toEqual([]);
    // An index older than the log cannot be brought up to date from it.
    expect(await subscribers.changedSince(db.kysely, String(Number(versionBefore) - 1), 100)).toBeNull();
  });

  it('moves the version and logs the subscriber with every later write', async () => {
    await subscribers.update(db.kysely, id(1), 'active', { status: 'unsubscribed', updated_at: at });
    const afterStatus = await subscribers.activeVersion(db.kysely);
    expect(Number(afterStatus)).toBeGreaterThan(Number(versionBefore));
    await subscribers.replacePlaces(db.kysely, id(2), []);
    const afterPlaces = await subscribers.activeVersion(db.kysely);
    expect(Number(afterPlaces)).toBeGreaterThan(Number(afterStatus));
    expect((await logged()).map((r) => [r.subscriber_id, String(r.version)])).toEqual([
      [id(1), afterStatus],
      [id(2), afterPlaces],
    ]);
    expect((await subscribers.changedSince(db.kysely, afterStatus, 100))?.sort()).toEqual([id(2)]);
    expect(await reached()).toBe(7);
  });
});
