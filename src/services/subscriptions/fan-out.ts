import { randomUUID } from 'node:crypto';
import type { NoticeSnapshot } from '../../core/notice/notice.js';
import { deliveryRepository, type NewDelivery } from '../../store/delivery.repository.js';
import type { AppContext, Q } from '../context.js';
import { outboxWritten } from './outbox-wake.js';
import { placeIndex } from './place-index.js';

/** What a publication asks the outbox for: the notice as published and the revision it became. */
export interface FanOutRequest {
  snapshot: NoticeSnapshot;
  revision: number;
  /** The CAP msgType of this revision. */
  kind: 'Alert' | 'Update' | 'Cancel';
}

interface Recipient {
  subscriberId: string;
  email: string;
  language: string;
  channel: string;
}

function channelsOf(json: string): string[] {
  try {
    const list: unknown = JSON.parse(json);
    return Array.isArray(list) ? list.filter((c): c is string => typeof c === 'string') : ['email'];
  } catch {
    return ['email'];
  }
}

/**
 * Writes one delivery per subscriber whose places the notice's areas touch (and, for an update
 * or cancellation, per earlier recipient, wherever their places are now), inside the caller's
 * transaction, so that the publication and its deliveries commit together. Returns the number of
 * deliveries written. The unique (notice, revision, subscriber, channel) key makes a second run of
 * the same revision write nothing.
 */
export async function fanOutNotice(ctx: AppContext, trx: Q, request: FanOutRequest): Promise<number> {
  const { snapshot, revision, kind } = request;
  const recipients = new Map<string, Recipient>();
  const add = (subscriberId: string, email: string, language: string, channel: string) => {
    const key = `${subscriberId}\u0000${channel}`;
    if (!recipients.has(key)) recipients.set(key, { subscriberId, email, language, channel });
  };

  const geometries = snapshot.areas.map((a) => a.geometry);
  if (geometries.length) {
    const index = await placeIndex(ctx.db, trx);
    for (const i of index.matcher.match(geometries)) {
      const s = index.owners[i]!;
      for (const channel of channelsOf(s.channels)) add(s.id, s.email, s.language, channel);
    }
  }
  // A correction or cancellation reaches everyone who got the original (DESIGN.md, Safety).
  if (kind !== 'Alert' && revision > 1) {
    for (const r of await deliveryRepository.earlierRecipients(trx, snapshot.id, revision))
      add(r.subscriber_id, r.email, r.language, r.channel);
  }
  if (recipients.size === 0) return 0;

  const now = ctx.clock.now().toISOString();
  const rows: NewDelivery[] = [];
  for (const r of recipients.values()) {
    rows.push({
      id: randomUUID(),
      notice_id: snapshot.id,
      revision,
      subscriber_id: r.subscriberId,
      channel: r.channel,
      address: r.email,
      language: r.language,
      status: 'pending',
      attempts: 0,
      next_attempt_at: now,
      created_at: now,
    });
  }
  const written = await deliveryRepository.insertMany(trx, ctx.db.engine, rows);
  if (written > 0) outboxWritten(ctx.db);
  return written;
}
