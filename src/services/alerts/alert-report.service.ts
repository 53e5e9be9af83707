import type { AlertArea, AlertLanguage, AlertTexts } from '../../core/alert/alert.js';
import { alertDeliveryReport, LATENCY_EDGES_S, type MessageReport } from '../../core/alert/report.js';
import { notFound } from '../../errors.js';
import { alertRepository } from '../../store/alert.repository.js';
import type { AppContext } from '../context.js';

/** One sent message's figures, with the area it was sent to, so the dashboard can map them. */
export interface MessageDeliveries extends MessageReport {
  area: AlertArea;
  areaNames: Partial<Record<AlertLanguage, string>>;
}

export interface AlertDeliveryReport {
  threadId: string;
  /** Upper edges of the latency buckets in seconds; each channel's `latency` has one more, beyond. */
  latencyEdgesS: readonly number[];
  messages: MessageDeliveries[];
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
  const sent = thread.filter((m) => m.state === 'sent');
  const reports = alertDeliveryReport(
    sent.map((m) => ({ sequence: m.sequence, approvedAt: m.approved_at })),
    groups,
    latency,
  );
  return {
    threadId: row.thread_id,
    latencyEdgesS: LATENCY_EDGES_S,
    // One area per message (CAP info/area as the record keeps it), so the per-message counts serve
    // as the per-area counts at no further read. An Update or Cancel also goes to whoever an earlier
    // message reached, so when it moves the area its figures include those left outside; telling
    // them apart would cost a place lookup per delivery, which a live screen cannot afford.
    messages: reports.map((r, i) => ({
      ...r,
      area: JSON.parse(sent[i]!.area) as AlertArea,
      areaNames: Object.fromEntries(
        Object.entries(JSON.parse(sent[i]!.texts) as AlertTexts).map(([l, t]) => [l, t.areaDesc]),
      ),
    })),
  };
}
