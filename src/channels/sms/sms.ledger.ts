import { sql, type Kysely } from 'kysely';
import type { Engine } from '../../store/db.js';
import type { Database } from '../../store/schema.js';
import {
  smsPartRepository,
  type PartAnswer,
  type PartHanded,
  type PartsStart,
} from '../../store/sms-part.repository.js';
import { Batcher } from './batcher.js';
import type { LedgerStart, SmsLedger } from './sms.channel.js';

/**
 * The SMS channel's ledger in the database: one row per part handed to the SMSC. The rows written
 * before submits, the stamps of parts about to be written and the answers written after them are
 * gathered into one statement each while the one before is written, so a busy channel pays one
 * commit for many parts.
 *
 * On PostgreSQL only the stamp waits for the disk (decision 0046): it is what keeps a part from
 * being submitted twice, and flushing it flushes every earlier commit with it, the rows it stamps
 * included. A crash of the database server itself can lose the last answers written without
 * waiting; their parts are then in doubt, as when an answer is lost on the wire — never sent again.
 */
export function smsLedgerOf(db: Kysely<Database>, engine: Engine): SmsLedger {
  const unflushed = <T>(work: (q: Kysely<Database>) => Promise<T>): Promise<T> =>
    engine === 'postgres'
      ? db.transaction().execute(async (trx) => {
          await sql`set local synchronous_commit = off`.execute(trx);
          return work(trx);
        })
      : work(db);
  // One batch of beginnings at a time: each chooses references its number has gone longest
  // without, and must see the ones the batch before it chose.
  let beginning: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const run = beginning.then(work);
    beginning = run.catch(() => undefined);
    return run;
  };
  const begins = new Batcher<PartsStart, LedgerStart>((items) =>
    inTurn(() => unflushed((q) => smsPartRepository.begin(q, engine, items))),
  );
  const answers = new Batcher<PartAnswer, void>(async (items) => {
    await unflushed((q) => smsPartRepository.acceptMany(q, engine, items));
    return items.map(() => undefined);
  });
  const hands = new Batcher<PartHanded, void>(async (items) => {
    await smsPartRepository.handMany(db, engine, items, new Date().toISOString());
    return items.map(() => undefined);
  });
  return {
    begin: (deliveryId, parts, at, to) => begins.add({ deliveryId, parts, at, ...to }),
    again: (deliveryId, parts, at, to) =>
      inTurn(() => smsPartRepository.nextRound(db, { deliveryId, parts, at, ...to })),
    handed: (deliveryId, part, round) => hands.add({ deliveryId, round, part }),
    accepted: (deliveryId, part, messageId, at, round) =>
      answers.add({ deliveryId, round, part, messageId, at }),
    refused: (deliveryId, part, round) => smsPartRepository.refused(db, deliveryId, round, part),
    receipt: (messageId, state, at) => smsPartRepository.receipt(db, messageId, state, at),
  };
}
