import type { Kysely } from 'kysely';
import { messageReceipt, type ReceiptState } from '../core/sms/receipt.js';
import type { Database } from './schema.js';

type Q = Kysely<Database>;

/**
 * The parts of SMS deliveries that went to the SMSC (migration 0015). A row is written before its
 * part is submitted and completed with the SMSC's message_id from the answer; a row without one
 * that nobody is awaiting is a part that may have arrived (its answer was lost), never resent
 * automatically. Receipts find their delivery here by message_id.
 */
export const smsPartRepository = {
  /** Part number → message_id (null: handed over, answer not recorded) for one delivery. */
  ofDelivery: async (db: Q, deliveryId: string): Promise<Map<number, string | null>> => {
    const rows = await db
      .selectFrom('sms_parts')
      .select(['part', 'message_id'])
      .where('delivery_id', '=', deliveryId)
      .execute();
    return new Map(rows.map((r) => [Number(r.part), r.message_id]));
  },

  /** Before the parts are submitted: from now on they may be at the SMSC. */
  submitting: async (db: Q, deliveryId: string, parts: readonly number[], at: string): Promise<void> => {
    if (!parts.length) return;
    await db
      .insertInto('sms_parts')
      .values(parts.map((part) => ({ delivery_id: deliveryId, part, submitted_at: at })))
      .onConflict((oc) => oc.columns(['delivery_id', 'part']).doNothing())
      .execute();
  },

  /** The SMSC's answer; written even if a person's retry forgot the row meanwhile. */
  accepted: async (db: Q, deliveryId: string, part: number, messageId: string, at: string): Promise<void> => {
    await db
      .insertInto('sms_parts')
      .values({ delivery_id: deliveryId, part, submitted_at: at, message_id: messageId, accepted_at: at })
      .onConflict((oc) =>
        oc.columns(['delivery_id', 'part']).doUpdateSet({ message_id: messageId, accepted_at: at }),
      )
      .execute();
  },

  /** The SMSC refused the part: it is not there, and a later try may submit it again. */
  refused: async (db: Q, deliveryId: string, part: number): Promise<void> => {
    await db
      .deleteFrom('sms_parts')
      .where('delivery_id', '=', deliveryId)
      .where('part', '=', part)
      .where('message_id', 'is', null)
      .execute();
  },

  /**
   * Records a part's receipt and, when it settles the whole message, the delivery's: delivered
   * once every part is, failed at the first part that failed for good. Returns the delivery's
   * id, or null when no part has that message_id (yet).
   */
  receipt: async (db: Q, messageId: string, state: ReceiptState, at: string): Promise<string | null> => {
    const hit = await db
      .updateTable('sms_parts')
      .set({ receipt: state, receipt_at: at })
      .where('message_id', '=', messageId)
      .returning('delivery_id')
      .executeTakeFirst();
    if (!hit) return null;
    const parts = await db
      .selectFrom('sms_parts')
      .select(['receipt', 'receipt_at'])
      .where('delivery_id', '=', hit.delivery_id)
      .execute();
    const whole = messageReceipt(parts.map((p) => p.receipt as ReceiptState | null));
    if (whole)
      await db
        .updateTable('deliveries')
        .set({
          receipt: whole,
          delivered_at:
            whole === 'DELIVRD'
              ? parts
                  .map((p) => p.receipt_at!)
                  .sort()
                  .at(-1)!
              : null,
        })
        .where('id', '=', hit.delivery_id)
        .execute();
    return hit.delivery_id;
  },

  /**
   * A person chose to send dead letters again: parts whose answer was lost are forgotten, so the
   * next try submits them (the person accepts a possible duplicate).
   */
  forgetDoubts: async (db: Q, deliveryIds: readonly string[]): Promise<void> => {
    if (!deliveryIds.length) return;
    await db
      .deleteFrom('sms_parts')
      .where('delivery_id', 'in', [...deliveryIds])
      .where('message_id', 'is', null)
      .execute();
  },
};
