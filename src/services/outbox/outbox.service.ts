import { ChannelError, failedWith, type Channel } from '../../channels/channel.js';
import {
  deliveryText,
  failureText,
  readDeliveryFault,
  type DeliveryFault,
  type MessageLang,
} from '../../core/messages/messages.js';
import { AppError, notFound } from '../../errors.js';
import { deliveryRepository, type DeadLetterFilter } from '../../store/delivery.repository.js';
import type { OrganisationReach } from '../../store/reach.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { fanOutRepository } from '../../store/fanout.repository.js';
import { publishEvent } from '../events/events.service.js';
import { outboxWritten } from './wake.js';
import { DELIVERY_STATUSES } from '../../contract/enums.js';
export { DELIVERY_STATUSES };

export interface ChannelState {
  name: string;
  configured: boolean;
  /** Whether the provider answered just now; null when not configured. */
  up: boolean | null;
  problem: string | null;
  counts: Record<(typeof DELIVERY_STATUSES)[number], number>;
}

// The console asks every few seconds; one SMTP handshake per channel every half minute is plenty.
const VERIFY_MS = 30_000;
const lastVerify = new WeakMap<Channel, { at: number; problem: Promise<DeliveryFault | null> }>();

function verified(channel: Channel, now: number): Promise<DeliveryFault | null> {
  const kept = lastVerify.get(channel);
  if (kept && now - kept.at < VERIFY_MS) return kept.problem;
  const problem = channel.verify().then(
    () => null,
    (err: unknown) => (err instanceof ChannelError ? err.fault : failedWith(err)),
  );
  lastVerify.set(channel, { at: now, problem });
  return problem;
}

/**
 * The outbox at a glance: per channel, how many deliveries sent for the organisations `reach` names
 * are in each state, and whether it can send, with what stands in its way worded in `lang`.
 */
export async function outboxStatus(
  ctx: AppContext,
  lang: MessageLang = 'en',
  reach: OrganisationReach = 'everywhere',
): Promise<{ channels: ChannelState[] }> {
  const rows = await deliveryRepository.countsByStatus(ctx.db.kysely, reach);
  const channels = await Promise.all(
    [...ctx.channels.byName.values()].map(async (channel): Promise<ChannelState> => {
      const counts = { pending: 0, sending: 0, sent: 0, dead: 0 };
      for (const r of rows)
        if (r.channel === channel.name && r.status in counts)
          counts[r.status as keyof typeof counts] += Number(r.n);
      if (!channel.configured)
        return {
          name: channel.name,
          configured: false,
          up: null,
          problem: channel.notConfigured && deliveryText(lang, channel.notConfigured),
          counts,
        };
      const problem = await verified(channel, ctx.clock.now().getTime());
      return {
        name: channel.name,
        configured: true,
        up: problem === null,
        problem: problem && deliveryText(lang, problem),
        counts,
      };
    }),
  );
  for (const r of rows)
    if (!channels.some((c) => c.name === r.channel))
      channels.push({
        name: r.channel,
        configured: false,
        up: null,
        problem: deliveryText(lang, { reason: 'channel_unknown', params: { channel: r.channel } }),
        counts: { pending: 0, sending: 0, sent: 0, dead: 0, [r.status]: Number(r.n) },
      });
  return { channels };
}

/** The dead letters within `reach`, newest first, each with why it failed worded in `lang`. */
export async function deadLetters(
  ctx: AppContext,
  limit = 200,
  lang: MessageLang = 'en',
  reach: OrganisationReach = 'everywhere',
) {
  const rows = await deliveryRepository.dead(ctx.db.kysely, limit, reach);
  return rows.map((r) => ({
    id: r.id,
    sourceKind: r.source_kind,
    sourceId: r.source_id,
    sequence: r.sequence,
    /** What a person recognises the source by: a notice's slug. */
    label: r.slug ?? r.source_id,
    mode: r.mode,
    channel: r.channel,
    address: r.address,
    language: r.language,
    attempts: r.attempts,
    lastError: failureText(lang, r.last_error, r.last_reason),
    reason: readDeliveryFault(r.last_reason)?.reason ?? null,
    createdAt: r.created_at,
    failedAt: r.next_attempt_at,
  }));
}

/**
 * Recent fan-outs within `reach` with their progress: matched, written, and per channel sent,
 * waiting and failed.
 */
export async function fanOuts(
  ctx: AppContext,
  limit = 20,
  lang: MessageLang = 'en',
  reach: OrganisationReach = 'everywhere',
) {
  const db = ctx.db.kysely;
  const rows = await fanOutRepository.recent(db, limit, reach);
  return Promise.all(
    rows.map(async (f) => {
      const counts = await deliveryRepository.countsOfSource(db, f.source_kind, f.source_id, f.sequence);
      const channels: Record<string, { pending: number; sending: number; sent: number; dead: number }> = {};
      for (const c of counts) {
        const entry = (channels[c.channel] ??= { pending: 0, sending: 0, sent: 0, dead: 0 });
        if (c.status in entry) entry[c.status as keyof typeof entry] += Number(c.n);
      }
      return {
        id: f.id,
        sourceKind: f.source_kind,
        sourceId: f.source_id,
        sequence: f.sequence,
        label: f.slug ?? f.source_id,
        mode: f.mode,
        status: f.status,
        matched: Number(f.matched),
        written: Number(f.written),
        channels,
        attempts: Number(f.attempts),
        lastError: failureText(lang, f.last_error, f.last_reason),
        nextAttemptAt: f.status === 'pending' ? f.next_attempt_at : null,
        createdAt: f.created_at,
        finishedAt: f.finished_at,
      };
    }),
  );
}

/**
 * Every dead letter the filter names, of those within `reach`, goes back to pending at once; one
 * audit entry with the count.
 */
export async function retryDeadLetters(
  ctx: AppContext,
  actor: ActorInfo,
  filter: Omit<DeadLetterFilter, 'reach'>,
  reach: OrganisationReach = 'everywhere',
): Promise<{ retried: number }> {
  const at = ctx.clock.now().toISOString();
  const retried = await ctx.db.kysely.transaction().execute(async (trx) => {
    const n = await deliveryRepository.reviveMany(trx, { ...filter, reach }, at);
    if (n > 0)
      await appendAudit(ctx, trx, actor, {
        action: 'delivery.retried_in_bulk',
        subjectType: 'outbox',
        detail: { ...filter, count: n },
      });
    return n;
  });
  if (retried > 0) {
    await outboxWritten(ctx.db);
    await publishEvent(ctx, { type: 'outbox.changed', payload: { retried } });
  }
  return { retried };
}

/** Sends a dead letter again: back to pending with fresh attempts, and the dispatcher is woken. */
export async function retryDelivery(ctx: AppContext, actor: ActorInfo, id: string): Promise<void> {
  const at = ctx.clock.now().toISOString();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await deliveryRepository.byId(trx, id);
    if (!found) throw notFound('The delivery');
    if (!found.address)
      throw new AppError(
        'conflict',
        409,
        'The recipient erased their data: this delivery has no address to go to.',
      );
    if (!(await deliveryRepository.revive(trx, id, at)))
      throw new AppError(
        'conflict',
        409,
        `Only a dead letter can be retried; this delivery is ${found.status}.`,
      );
    await appendAudit(ctx, trx, actor, {
      action: 'delivery.retried',
      subjectType: 'delivery',
      subjectId: id,
      detail: {
        sourceKind: found.source_kind,
        sourceId: found.source_id,
        sequence: found.sequence,
        channel: found.channel,
      },
    });
  });
  await outboxWritten(ctx.db);
  await publishEvent(ctx, { type: 'outbox.changed', payload: { retried: 1 } });
}

/**
 * Sends a fan-out that failed for good (its expansion kept throwing past the retry horizon) again:
 * back to waiting, due now, with its horizon counted afresh. Whoever it already reached is not
 * written twice: the outbox's unique key drops them.
 */
export async function retryFanOut(ctx: AppContext, actor: ActorInfo, id: string): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const found = await fanOutRepository.byId(trx, id);
    if (!found) throw notFound('The fan-out');
    if (!(await fanOutRepository.retryFailed(trx, id)))
      throw new AppError(
        'conflict',
        409,
        `Only a failed fan-out can be retried; this one is ${found.status}.`,
      );
    await appendAudit(ctx, trx, actor, {
      action: 'fanout.retried',
      subjectType: 'fanout',
      subjectId: id,
      detail: { sourceKind: found.source_kind, sourceId: found.source_id, sequence: found.sequence },
    });
  });
  await outboxWritten(ctx.db);
  await publishEvent(ctx, { type: 'outbox.changed', payload: { fanout: id } });
}
