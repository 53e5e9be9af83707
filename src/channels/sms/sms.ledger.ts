import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { smsPartRepository } from '../../store/sms-part.repository.js';
import type { SmsLedger } from './sms.channel.js';

/** The SMS channel's ledger in the database: one row per part handed to the SMSC. */
export const smsLedgerOf = (db: Kysely<Database>): SmsLedger => ({
  parts: (deliveryId) => smsPartRepository.ofDelivery(db, deliveryId),
  submitting: (deliveryId, parts, at) => smsPartRepository.submitting(db, deliveryId, parts, at),
  accepted: (deliveryId, part, messageId, at) =>
    smsPartRepository.accepted(db, deliveryId, part, messageId, at),
  refused: (deliveryId, part) => smsPartRepository.refused(db, deliveryId, part),
  receipt: (messageId, state, at) => smsPartRepository.receipt(db, messageId, state, at),
});
