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
 * The manual channel: radio, phone or in person. Sending puts a prompt on the screen of everyone
 * watching the exercise's control room — what to say and to whom — and it stays there until a
 * controller presses "delivered" (services/conduct/manual-prompts.service.ts). Sending twice is
 * harmless: one prompt per delivery.
 */
export class ManualChannel implements Channel {
  readonly name = 'manual';
  readonly kind = 'manual';
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
    const { message } = expectKind(outgoing, 'manual');
    const ctx = { db: this.db, clock: this.clock };
    await this.db.kysely.transaction().execute(async (trx) => {
      const delivery = await trx
        .selectFrom('deliveries as d')
        .leftJoin('exercises as e', 'e.id', 'd.exercise_id')
        .select(['d.source_kind', 'd.source_id', 'd.exercise_id', 'e.lead_organisation_id'])
        .where('d.id', '=', outgoing.deliveryId)
        .executeTakeFirst();
      if (!delivery) throw new ChannelError({ reason: 'delivery_gone' }, false);
      const written = await trx
        .insertInto('manual_prompts')
        .values({
          delivery_id: outgoing.deliveryId,
          exercise_id: delivery.exercise_id,
          source_kind: delivery.source_kind,
          source_id: delivery.source_id,
          address: outgoing.to,
          script: message.script,
          created_at: this.clock.now().toISOString(),
          delivered_at: null,
          delivered_by: null,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(written.numInsertedOrUpdatedRows ?? 0) === 0) return;
      await appendEvent(ctx, trx, {
        type: 'manual.prompted',
        organisationId: delivery.lead_organisation_id,
        exerciseId: delivery.exercise_id,
        subjectType: 'delivery',
        subjectId: outgoing.deliveryId,
        payload: { what: 'prompted' },
      });
    });
    return { providerId: `manual:${outgoing.deliveryId}` };
  }

  async verify(): Promise<void> {}

  async close(): Promise<void> {}
}
