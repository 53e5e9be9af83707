import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import type { Db } from './db.js';
import { deliveryRepository, type NewDelivery } from './delivery.repository.js';
import { smsPartRepository, type PartsStart } from './sms-part.repository.js';

/*
 * The SMS ledger's concatenation references and rounds on a migrated database: which reference a
 * new message to a number takes, that a reference a handset may still hold part of a message under
 * comes last, and that a message sent again whole (a new round) is read, and settled by its
 * receipts, from that round only.
 */

const T0 = Date.parse('2026-12-01T00:00:00.000Z');
const minute = (n: number) => new Date(T0 + n * 60_000).toISOString();
const NOW = minute(10_000);

describe.each(ENGINES)('the SMS part ledger on %s', (engine) => {
  let db: Db;
  let drop: () => Promise<void>;
  let phones = 0;
  /** A number no other test has sent to. */
  const phone = () => `+7701555${String(++phones).padStart(4, '0')}`;

  const newDelivery = async (address: string): Promise<string> => {
    const row: NewDelivery = {
      id: randomUUID(),
      source_kind: 'notice',
      source_id: 'n-1',
      sequence: 1,
      recipient_kind: 'subscriber',
      recipient_id: randomUUID(),
      channel: 'sms',
      address,
      language: 'ru',
      mode: 'actual',
      exercise_id: null,
      priority: 0,
      status: 'sending',
      next_attempt_at: NOW,
      created_at: NOW,
    };
    await deliveryRepository.insertMany(db.kysely, db.engine, [row]);
    return row.id;
  };

  /**
   * A number that has had every reference: one old delivery sent 256 times whole, round r under
   * `referenceOf(r)` at minute r, so round 1's reference is the one it has gone longest without.
   * `open(r)` leaves round r's second part without a message_id.
   */
  const history = async (
    destination: string,
    referenceOf: (round: number) => number,
    open: (round: number) => boolean = () => false,
  ): Promise<void> => {
    const id = await newDelivery(destination);
    const rows = Array.from({ length: 256 }, (_, k) => k + 1).flatMap((round) =>
      [1, 2].map((part) => ({
        delivery_id: id,
        round,
        part,
        submitted_at: minute(round),
        handed_at: minute(round),
        message_id: part === 2 && open(round) ? null : `h-${id}-${round}-${part}`,
        accepted_at: part === 2 && open(round) ? null : minute(round),
        destination,
        reference: referenceOf(round),
      })),
    );
    await db.kysely.insertInto('sms_parts').values(rows).execute();
  };

  const begin = async (destination: string, preferred: number, parts = 3) => {
    const item: PartsStart = {
      deliveryId: await newDelivery(destination),
      parts,
      at: NOW,
      destination,
      preferred,
    };
    const [known] = await smsPartRepository.begin(db.kysely, engine, [item]);
    return { item, known: known! };
  };

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    db = rt.ctx.db;
    drop = rt.drop;
  });
  afterAll(async () => {
    await drop?.();
  });

  it('a new message to a number takes a reference that number never had, else the one it has gone longest without', async () => {
    // A number never sent to: the reference preferred.
    expect((await begin(phone(), 17)).known).toMatchObject({ reference: 17, round: 1, fresh: [1, 2, 3] });

    // A number that had the preferred one and the next few: the first after them it never had.
    const some = phone();
    const seen = await newDelivery(some);
    await db.kysely
      .insertInto('sms_parts')
      .values(
        [17, 18, 19].map((reference, k) => ({
          delivery_id: seen,
          round: k + 1,
          part: 1,
          submitted_at: minute(k),
          message_id: `s-${seen}-${k}`,
          destination: some,
          reference,
        })),
      )
      .execute();
    expect((await begin(some, 17)).known.reference).toBe(20);

    // A number that had them all: the least recently used, wherever the preferred one lies.
    const all = phone();
    await history(all, (round) => (round + 76) % 256);
    expect((await begin(all, 200)).known.reference).toBe(77);
    // It is now the most recent; the next message goes under the next oldest.
    expect((await begin(all, 200)).known.reference).toBe(78);

    // Two new messages to that number in one batch take two different ones.
    const batch = phone();
    await history(batch, (round) => (round + 76) % 256);
    const items: PartsStart[] = [];
    for (let k = 0; k < 2; k++)
      items.push({
        deliveryId: await newDelivery(batch),
        parts: 3,
        at: NOW,
        destination: batch,
        preferred: 0,
      });
    const known = await smsPartRepository.begin(db.kysely, engine, items);
    expect(known.map((k) => k.reference)).toEqual([77, 78]);
  });

  it('a reference under which a message was left incomplete is taken only after every clean one', async () => {
    // The least recently used reference has a part without an answer: the next oldest clean one.
    const some = phone();
    await history(
      some,
      (round) => (round + 76) % 256,
      (round) => round === 1,
    );
    expect((await begin(some, 0)).known.reference).toBe(78);

    // Even a clean reference used later than every open one comes before them.
    const mostly = phone();
    await history(
      mostly,
      (round) => (round + 76) % 256,
      (round) => round < 256,
    );
    expect((await begin(mostly, 0)).known.reference).toBe((256 + 76) % 256);

    // Every reference open: the least recently used of them.
    const all = phone();
    await history(
      all,
      (round) => (round + 76) % 256,
      () => true,
    );
    expect((await begin(all, 0)).known.reference).toBe(77);
  });

  let message: PartsStart;
  let first: number | null;
  let second: number | null;

  it('nextRound gives a new round with another reference, and begin then reads only that round', async () => {
    const started = await begin(phone(), 5);
    message = started.item;
    first = started.known.reference;
    expect(started.known).toMatchObject({ round: 1, fresh: [1, 2, 3], unsent: [], reference: 5 });

    // Part 1 answered, part 2 handed and its answer lost, part 3 never handed: never whole.
    const parts = [1, 2].map((part) => ({ deliveryId: message.deliveryId, round: 1, part }));
    await smsPartRepository.handMany(db.kysely, engine, parts, NOW);
    await smsPartRepository.acceptMany(db.kysely, engine, [
      { deliveryId: message.deliveryId, round: 1, part: 1, messageId: 'r1-p1', at: NOW },
    ]);

    const next = await smsPartRepository.nextRound(db.kysely, message);
    second = next.reference;
    expect(next.round).toBe(2);
    expect(second).not.toBeNull();
    expect(second).not.toBe(first);
    const rows = await db.kysely
      .selectFrom('sms_parts')
      .select(['round', 'part', 'reference', 'handed_at', 'message_id'])
      .where('delivery_id', '=', message.deliveryId)
      .where('round', '=', 2)
      .orderBy('part')
      .execute();
    expect(rows.map((r) => ({ ...r, round: Number(r.round), part: Number(r.part) }))).toEqual(
      [1, 2, 3].map((part) => ({ round: 2, part, reference: second, handed_at: null, message_id: null })),
    );

    // A later try sends every part of round 2, under its reference; round 1's answer is not its.
    const [known] = await smsPartRepository.begin(db.kysely, engine, [message]);
    expect(known).toEqual({ fresh: [], known: new Map(), unsent: [1, 2, 3], reference: second, round: 2 });
  });

  it('a receipt of a given-up round does not settle the delivery', async () => {
    const id = message.deliveryId;
    await smsPartRepository.handMany(
      db.kysely,
      engine,
      [1, 2, 3].map((part) => ({ deliveryId: id, round: 2, part })),
      NOW,
    );
    await smsPartRepository.acceptMany(
      db.kysely,
      engine,
      [1, 2, 3].map((part) => ({ deliveryId: id, round: 2, part, messageId: `r2-p${part}`, at: NOW })),
    );
    for (const part of [1, 2, 3]) {
      expect((await deliveryRepository.byId(db.kysely, id))?.receipt).toBeNull();
      expect(
        await smsPartRepository.receipt(db.kysely, `r2-p${part}`, 'DELIVRD', minute(10_000 + part)),
      ).toBe(id);
    }
    expect(await deliveryRepository.byId(db.kysely, id)).toMatchObject({
      receipt: 'DELIVRD',
      delivered_at: minute(10_003),
    });

    // Round 1's answered part fails at the handset: its row says so, the delivery stays delivered.
    expect(await smsPartRepository.receipt(db.kysely, 'r1-p1', 'UNDELIV', minute(10_004))).toBe(id);
    const old = await db.kysely
      .selectFrom('sms_parts')
      .select(['receipt', 'receipt_at'])
      .where('delivery_id', '=', id)
      .where('round', '=', 1)
      .where('part', '=', 1)
      .executeTakeFirstOrThrow();
    expect(old).toEqual({ receipt: 'UNDELIV', receipt_at: minute(10_004) });
    expect(await deliveryRepository.byId(db.kysely, id)).toMatchObject({
      receipt: 'DELIVRD',
      delivered_at: minute(10_003),
    });
  });
});
