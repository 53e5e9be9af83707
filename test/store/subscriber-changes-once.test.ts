import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { subscriberRepository as subscribers } from '../../src/store/subscriber.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { subscriberRow } from '../support/subscribers.js';

/*
 * Every write to a subscriber, a place or a contact notes the subscribers it touched (migration
 * 0046), once each: an update that keeps the subscriber notes it once (0047; before, SQLite wrote
 * the same row twice), one that hands a place to another subscriber notes both.
 */
describe.each(ENGINES)('the subscriber change log on %s', (engine) => {
  let db: Db;
  let drop: () => Promise<void>;
  const at = '2026-12-06T00:00:00.000Z';
  const id = (i: number) => `00000000-0000-4000-8000-00000000010${i}`;
  /** Rows SQLite's statements changed, triggers included, while `work` ran. */
  const changes = async (work: () => Promise<unknown>) => {
    const read = async () =>
      (await sql<{ n: number }>`select total_changes() as n`.execute(db.kysely)).rows[0]!.n;
    const before = await read();
    await work();
    return (await read()) - before;
  };

  beforeAll(async () => {
    const runtime = await openTestRuntime(engine);
    db = runtime.ctx.db;
    drop = runtime.drop;
    for (const i of [1, 2]) {
      await subscribers.insert(
        db.kysely,
        subscriberRow(id(i), at, { email: `r${i}@mail.kz`, language: 'ru' }),
      );
      await subscribers.insertPlaces(db.kysely, [
        {
          id: `p-${i}`,
          subscriber_id: id(i),
          kind: 'city',
          label: 'Алматы',
          lon: 76.9,
          lat: 43.2,
          radius_m: 500,
        },
      ]);
    }
  });
  afterAll(() => drop());

  it('notes a subscriber once when an update keeps it', async () => {
    const work = () => subscribers.update(db.kysely, id(1), 'active', { language: 'kk', updated_at: at });
    if (engine === 'sqlite') {
      // The row itself, the version, and one note.
      expect(await changes(work)).toBe(3);
    } else await work();
    const version = await subscribers.activeVersion(db.kysely);
    expect(await subscribers.changedSince(db.kysely, String(Number(version) - 1), 10)).toEqual([id(1)]);
  });

  it('notes both subscribers when a place moves from one to the other', async () => {
    const work = () =>
      db.kysely
        .updateTable('subscription_places')
        .set({ subscriber_id: id(2) })
        .where('id', '=', 'p-1')
        .execute();
    if (engine === 'sqlite') expect(await changes(work)).toBe(4);
    else await work();
    const version = await subscribers.activeVersion(db.kysely);
    expect((await subscribers.changedSince(db.kysely, String(Number(version) - 1), 10))?.sort()).toEqual([
      id(1),
      id(2),
    ]);
  });
});
