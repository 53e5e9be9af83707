import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import type { Channel, ChannelLimits, Outgoing, SendResult } from '../channel.js';

/**
 * Where rehearsal traffic goes instead of a real address: the rendered, marked message is kept
 * for the controllers to read afterwards. A second hand-over of the same delivery keeps the first.
 */
export class SinkChannel implements Channel {
  readonly name = 'sink';
  readonly kind = 'sink';
  readonly limits: ChannelLimits = {};
  readonly configured = true;
  readonly notConfigured = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: { now(): Date },
  ) {}

  dedupKey(deliveryId: string): string {
    return deliveryId;
  }

  async send(outgoing: Outgoing): Promise<SendResult> {
    await this.db
      .insertInto('rehearsal_messages')
      .values({
        delivery_id: outgoing.deliveryId,
        channel: outgoing.message.kind,
        address: outgoing.to,
        language: outgoing.language,
        message: JSON.stringify(outgoing.message),
        created_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.column('delivery_id').doNothing())
      .execute();
    return { providerId: `sink:${outgoing.deliveryId}` };
  }

  async verify(): Promise<void> {}

  async close(): Promise<void> {}
}
