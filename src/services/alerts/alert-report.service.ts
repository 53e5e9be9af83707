import { alertDeliveryReport, LATENCY_EDGES_S, type MessageReport } from '../../core/alert/report.js';
import { notFound } from '../../errors.js';
import { alertRepository } from '../../store/alert.repository.js';
import type { AppContext } from '../context.js';

export interface AlertDeliveryReport {
  threadId: string;
  /** Upper edges of the latency buckets in seconds; each channel's `latency` has one more, beyond. */
  latencyEdgesS: readonly number[];
  messages: MessageReport[];
}

/**
 * What the alert's messages did, per message and channel: queued, sending, sent, delivered and
 * failed, approval to the first and the last hand-over, and the latency spread. Counted by the
 * database, so a million deliveries cost one grouped read, not a million rows.
 */
export async function alertDeliveries(ctx: AppContext, id: string): Promise<AlertDeliveryReport> {
  const db = ctx.db.kysely;
  const row = await alertRepository.get(db, id);
  if (!row) throw notFound('The alert');
  const thread = await alertRepository.thread(db, row.thread_id);
  const [groups, latency] = await Promise.all([
    alertRepository.deliveryGroups(db, row.thread_id),
    alertRepository.latencyGroups(db, ctx.db.engine, row.thread_id),
  ]);
  const messages = thread
    .filter((m) => m.state === 'sent')
    .map((m) => ({ sequence: m.sequence, approvedAt: m.approved_at }));
  return {
    threadId: row.thread_id,
    latencyEdgesS: LATENCY_EDGES_S,
    messages: alertDeliveryReport(messages, groups, latency),
  };
}
