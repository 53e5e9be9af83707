import { appendEvent } from '../../services/events/events.service.js';
import type { Db } from '../../store/db.js';
import {
  expectKind,
  ChannelError,
  type Channel,
  type ChannelLimits,
  type Outgoing,
  type SendResult,
} from '../channel.js';

/**
 * The in-app inbox: a message for a person with an account (its address is their user id) lands in
 * their inbox in the console, and their open screens hear of it on the event stream, an event for
 * that person alone that carries no text. Sending twice is harmless: the inbox keeps one row per
 * delivery, and one per person and source. The delivery itself says which source and exercise
 * the message belongs to, so the console can show it against the inject and take its acknowledgement.
 */
export class InAppChannel implements Channel {
  readonly name = 'inapp';
  readonly kind = 'inapp';
  readonly limits: ChannelLimits = {};
  readonly configured = true;
  readonly notConfigured = null;

  constructor(
    private readonly db: Db,
    private readonly clock: { now(): Date },
  ) {}

  dedupKey(deliveryId: string): string {
    return deliveryId;
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    const { message } = expectKind(outgoing, 'inapp');
    const ctx = { db: this.db, clock: this.clock };
    await this.db.kysely.transaction().execute(async (trx) => {
      const delivery = await trx
        .selectFrom('deliveries')
        .select(['source_kind', 'source_id', 'exercise_id'])
        .where('id', '=', outgoing.deliveryId)
        .executeTakeFirst();
      if (!delivery) throw new ChannelError({ reason: 'delivery_gone' }, false);
      const user = await trx
        .selectFrom('users')
        .select('id')
        .where('id', '=', outgoing.to)
        .executeTakeFirst();
      if (!user) throw new ChannelError({ reason: 'inbox_nobody' }, false);
      const at = this.clock.now().toISOString();
      const written = await trx
        .insertInto('inbox_messages')
        .values({
          delivery_id: outgoing.deliveryId,
          user_id: outgoing.to,
          exercise_id: delivery.exercise_id,
          source_kind: delivery.source_kind,
          source_id: delivery.source_id,
          title: message.title,
          body: message.body,
          delivered_at: at,
          acknowledged_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return;
      if (delivery.source_kind === 'inject' && delivery.exercise_id) {
        const exercise = await trx
          .selectFrom('exercises')
          .select('lead_organisation_id')
          .where('id', '=', delivery.exercise_id)
          .executeTakeFirst();
        await appendEvent(ctx, trx, {
          type: 'inject.progress',
          organisationId: exercise?.lead_organisation_id ?? null,
          exerciseId: delivery.exercise_id,
          subjectType: 'inject',
          subjectId: delivery.source_id,
          payload: { what: 'delivered' },
        });
      }
      await appendEvent(ctx, trx, {
        type: 'inbox.changed',
        exerciseId: delivery.exercise_id,
        forUserId: outgoing.to,
      });
    });
    return { providerId: `inapp:${outgoing.deliveryId}` };
  }

  async verify(): Promise<void> {}

  async close(): Promise<void> {}
}
