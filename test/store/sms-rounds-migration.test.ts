import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { deliveryRepository, type NewDelivery } from '../../src/store/delivery.repository.js';
import { smsPartRepository } from '../../src/store/sms-part.repository.js';
import { ENGINES } from '../support/engines.js';
import { openAtMigration, type DbAtMigration } from '../support/migration-db.js';

/*
 * Migration 0044 gives every SMS part a round and makes it part of the key; SQLite rebuilds the
 * table for it. Tried on a ledger as 0043 left it: parts answered and receipted, answered only,
 * handed without an answer, never handed, and a single part from before there were references.
 * After it, every row is still there as it was, in round 1, a second round of the same part can be
 * written, receipts still find their delivery, and the indexes and the cascade from the delivery
 * survived the rebuild.
 */

const AT = '2026-12-01T08:00:00.000Z';
const LATER = '2026-12-01T08:00:05.000Z';
const PHONE = '+77010000001';
const MULTI = '00000000-0000-4000-8000-00000000aa01';
const SINGLE = '00000000-0000-4000-8000-00000000aa02';

const delivery = (id: string): NewDelivery => ({
  id,
  source_kind: 'notice',
  source_id: 'n-1',
  sequence: 1,
  recipient_kind: 'subscriber',
  recipient_id: `r-${id}`,
  channel: 'sms',
  address: PHONE,
  language: 'ru',
  mode: 'actual',
  exercise_id: null,
  priority: 0,
  status: 'sent',
  next_attempt_at: AT,
  created_at: AT,
});

// Every column as 0043 had it, so the comparison after the migration covers each one.
const BEFORE = [
  {
    delivery_id: MULTI,
    part: 1,
    message_id: 'm-1',
    submitted_at: AT,
    handed_at: AT,
    accepted_at: AT,
    receipt: 'DELIVRD',
    receipt_at: LATER,
    destination: PHONE,
    reference: 42,
  },
  {
    delivery_id: MULTI,
    part: 2,
    message_id: 'm-2',
    submitted_at: AT,
    handed_at: AT,
    accepted_at: AT,
    receipt: null,
    receipt_at: null,
    destination: PHONE,
    reference: 42,
  },
  // Handed over, its answer lost: in doubt.
  {
    delivery_id: MULTI,
    part: 3,
    message_id: null,
    submitted_at: AT,
    handed_at: AT,
    accepted_at: null,
    receipt: null,
    receipt_at: null,
    destination: PHONE,
    reference: 42,
  },
  // Written down, never handed over.
  {
    delivery_id: MULTI,
    part: 4,
    message_id: null,
    submitted_at: AT,
    handed_at: null,
    accepted_at: null,
    receipt: null,
    receipt_at: null,
    destination: PHONE,
    reference: 42,
  },
  // From before migration 0041: no number, no reference.
  {
    delivery_id: SINGLE,
    part: 1,
    message_id: 'm-single',
    submitted_at: AT,
    handed_at: AT,
    accepted_at: AT,
    receipt: null,
    receipt_at: null,
    destination: null,
    reference: null,
  },
];

describe.each(ENGINES)('migration 0044 (SMS rounds) on %s', (engine) => {
  let migration: DbAtMigration;
  let db: Db;

  const partsOf = (id: string) =>
    db.kysely
      .selectFrom('sms_parts')
      .selectAll()
      .where('delivery_id', '=', id)
      .orderBy('round')
      .orderBy('part')
      .execute();

  beforeAll(async () => {
    migration = await openAtMigration(engine, '0043-subscriber-version');
    db = migration.db;
    await deliveryRepository.insertMany(db.kysely, db.engine, [delivery(MULTI), delivery(SINGLE)]);
    await db.kysely.insertInto('sms_parts').values(BEFORE).execute();
    await migration.toLatest();
  });
  afterAll(() => migration.drop());

  it('keeps every part with all its values, in round 1', async () => {
    const rows = [...(await partsOf(MULTI)), ...(await partsOf(SINGLE))];
    expect(rows.map((r) => ({ ...r, round: Number(r.round), part: Number(r.part) }))).toEqual(
      BEFORE.map((r) => ({ ...r, round: 1 })),
    );
  });

  it('still finds the delivery of a receipt, and settles a message whose parts are all delivered', async () => {
    expect(await smsPartRepository.receipt(db.kysely, 'm-2', 'DELIVRD', LATER)).toBe(MULTI);
    // Parts 3 and 4 have no receipt: the message is not settled yet.
    expect((await deliveryRepository.byId(db.kysely, MULTI))?.receipt).toBeNull();
    expect(await smsPartRepository.receipt(db.kysely, 'm-single', 'DELIVRD', LATER)).toBe(SINGLE);
    expect(await deliveryRepository.byId(db.kysely, SINGLE)).toMatchObject({
      receipt: 'DELIVRD',
      delivered_at: LATER,
    });
  });

  it('takes a second round of a part it has, and refuses the same round and part twice', async () => {
    const again = {
      delivery_id: MULTI,
      round: 2,
      part: 1,
      submitted_at: LATER,
      destination: PHONE,
      reference: 43,
    };
    await db.kysely.insertInto('sms_parts').values(again).execute();
    await expect(db.kysely.insertInto('sms_parts').values(again).execute()).rejects.toThrow();
    await expect(
      db.kysely
        .insertInto('sms_parts')
        .values({ ...again, round: 1, reference: 42 })
        .execute(),
    ).rejects.toThrow();
    const rows = await partsOf(MULTI);
    expect(rows.map((r) => [Number(r.round), Number(r.part)])).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [2, 1],
    ]);
  });

  it('keeps the indexes receipts and references are found by', async () => {
    const indexes =
      engine === 'postgres'
        ? await sql<{ name: string }>`select indexname as name from pg_indexes
            where schemaname = current_schema() and tablename = 'sms_parts'`.execute(db.kysely)
        : await sql<{ name: string }>`select name from sqlite_master
            where type = 'index' and tbl_name = 'sms_parts'`.execute(db.kysely);
    const names = indexes.rows.map((r) => r.name);
    expect(names).toContain('sms_parts_message');
    expect(names).toContain('sms_parts_destination');
  });

  it('still ties every part to its delivery: none without one, and gone with it', async () => {
    await expect(
      db.kysely
        .insertInto('sms_parts')
        .values({ delivery_id: '00000000-0000-4000-8000-00000000aaff', part: 1, submitted_at: AT })
        .execute(),
    ).rejects.toThrow();
    await db.kysely.deleteFrom('deliveries').where('id', '=', MULTI).execute();
    expect(await partsOf(MULTI)).toEqual([]);
    expect(await partsOf(SINGLE)).toHaveLength(1);
  });
});
