/**
 * CAP feeds as administrators manage them from the console and the API: adding one (audited, in the
 * same transaction as the feed), polling one at once, and what each feed last did and brought. The
 * polling itself, the signature verdicts and what residents see stay in feeds.service.ts.
 */
import type { CapFinding } from '../../cap/index.js';
import { capFromJson } from '../../cap/json.js';
import { notFound } from '../../errors.js';
import { externalAlertRepository, feedRepository } from '../../store/feed.repository.js';
import type { CapFeedRow, ExternalAlertRow } from '../../store/feed-tables.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { addFeed, pollFeed, type FeedName, type NewFeed, type PollReport } from './feeds.service.js';

export interface FeedView {
  id: string;
  url: string;
  name: FeedName;
  pollSeconds: number;
  /** Signatures are checked against a trust store (set from the CLI, a folder on the server). */
  trustStore: boolean;
  nextPollAt: string;
  lastPolledAt: string | null;
  lastOutcome: string | null;
  lastFindings: CapFinding[];
  alerts: number;
}

export interface ExternalAlertView {
  sender: string;
  identifier: string;
  sent: string;
  senderName: string | null;
  headline: string | null;
  status: string;
  msgType: string;
  expires: string | null;
  verified: boolean;
  signatures: number;
  findings: number;
  supersededBy: string | null;
  receivedAt: string;
}

const viewOf = (row: CapFeedRow, alerts: number): FeedView => ({
  id: row.id,
  url: row.url,
  name: JSON.parse(row.name) as FeedName,
  pollSeconds: row.poll_seconds,
  trustStore: row.trust_store !== null,
  nextPollAt: row.next_poll_at,
  lastPolledAt: row.last_polled_at,
  lastOutcome: row.last_outcome,
  lastFindings: JSON.parse(row.last_findings) as CapFinding[],
  alerts,
});

function alertView(row: ExternalAlertRow): ExternalAlertView {
  let headline: string | null = null;
  try {
    headline = capFromJson(row.alert_json).info.find((i) => i.headline)?.headline ?? null;
  } catch {
    // A stored alert this version cannot read again still shows its envelope.
  }
  return {
    sender: row.sender,
    identifier: row.identifier,
    sent: row.sent,
    senderName: row.sender_name,
    headline,
    status: row.status,
    msgType: row.msg_type,
    expires: row.expires,
    verified: row.verified === 1,
    signatures: (JSON.parse(row.signatures) as unknown[]).length,
    findings: (JSON.parse(row.findings) as unknown[]).length,
    supersededBy: row.superseded_by,
    receivedAt: row.received_at,
  };
}

export async function feedViews(ctx: AppContext): Promise<FeedView[]> {
  const db = ctx.db.kysely;
  const [rows, counts] = await Promise.all([
    feedRepository.list(db),
    db
      .selectFrom('external_alerts')
      .select(['feed_id', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('feed_id')
      .execute(),
  ]);
  const n = new Map(counts.map((c) => [c.feed_id, Number(c.n)]));
  return rows.map((r) => viewOf(r, n.get(r.id) ?? 0));
}

/** Adds a feed from the console or the API; a trust store is a server folder, so the CLI sets it. */
export async function addFeedAs(
  ctx: AppContext,
  actor: ActorInfo,
  input: Omit<NewFeed, 'trustStore'>,
): Promise<FeedView> {
  const row = await addFeed(ctx, input, async (trx, feed) =>
    appendAudit(ctx, trx, actor, {
      action: 'feed.added',
      subjectType: 'feed',
      subjectId: feed.id,
      detail: { url: feed.url, pollSeconds: feed.poll_seconds },
    }),
  );
  return viewOf(row, 0);
}

/** Polls one feed now, whatever its schedule, and says what it did. */
export async function pollFeedNow(
  ctx: AppContext,
  actor: ActorInfo,
  feedId: string,
): Promise<{ report: PollReport; feed: FeedView }> {
  if (!(await feedRepository.get(ctx.db.kysely, feedId))) throw notFound('The feed');
  const report = await pollFeed(ctx, feedId);
  await ctx.db.kysely.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'feed.polled',
      subjectType: 'feed',
      subjectId: feedId,
      detail: { outcome: report.outcome, added: report.added, duplicates: report.duplicates },
    }),
  );
  const feed = (await feedViews(ctx)).find((f) => f.id === feedId)!;
  return { report, feed };
}

/** What a feed brought, newest first, with each signature verdict summed up. */
export async function feedAlerts(ctx: AppContext, feedId: string): Promise<ExternalAlertView[]> {
  if (!(await feedRepository.get(ctx.db.kysely, feedId))) throw notFound('The feed');
  const rows = await externalAlertRepository.forFeed(ctx.db.kysely, feedId);
  return rows.map(alertView).reverse();
}
