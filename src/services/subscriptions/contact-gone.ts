import type { DeliveryFault } from '../../core/messages/messages.js';
import { failureColumns } from '../../store/delivery.repository.js';
import type { DeliveryRow } from '../../store/outbox-tables.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import { appendAudit } from '../audit.service.js';
import type { AppContext } from '../context.js';

/**
 * A provider said a resident's address no longer exists (a push subscription the browser ended,
 * answered 404 or 410). The contact goes, with what was still waiting for it, so nothing more is
 * sent there; a subscriber left with no way to reach them is unsubscribed. Only that very address
 * goes: a subscription renewed meanwhile is a different address and stays.
 */
export async function contactGone(ctx: AppContext, d: DeliveryRow, cause: DeliveryFault): Promise<void> {
  if (d.recipient_kind !== 'subscriber' || !d.recipient_id || !d.address) return;
  const subscriberId = d.recipient_id;
  const address = d.address;
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const removed = await subscriberRepository.removeContact(trx, subscriberId, d.channel, address);
    if (!removed) return;
    await trx
      .updateTable('deliveries')
      .set({
        status: 'dead',
        ...failureColumns({ reason: 'address_ended', cause }),
        next_attempt_at: at,
      })
      .where('recipient_kind', '=', 'subscriber')
      .where('recipient_id', '=', subscriberId)
      .where('channel', '=', d.channel)
      .where('status', '=', 'pending')
      .execute();
    const left = await subscriberRepository.contactsOf(trx, subscriberId);
    const s = await subscriberRepository.byId(trx, subscriberId);
    if (s && left.length === 0)
      await subscriberRepository.update(trx, subscriberId, s.status, {
        status: 'unsubscribed',
        updated_at: at,
      });
    else if (s) await trx.updateTable('subscribers').set({ updated_at: at }).where('id', '=', s.id).execute();
    await appendAudit(
      ctx,
      trx,
      { userId: null, name: `subscriber ${subscriberId.slice(0, 8)}` },
      {
        action: 'subscriber.contact_ended',
        subjectType: 'subscriber',
        subjectId: subscriberId,
        detail: { channel: d.channel },
      },
    );
  });
}
