/**
 * CAP feeds of other authorities: configured by an administrator, polled by the `feeds.poll` job,
 * their alerts kept once per CAP identity with a verdict on every signature. Nothing read from a
 * feed is ever sent on: it is shown, attributed to its sender, apart from Dabyl's own alerts.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { capToJsonText, readReferences, capFinding, type CapFinding } from '../../cap/index.js';
import { badField, notFound } from '../../errors.js';
import { externalAlertRepository, feedRepository } from '../../store/feed.repository.js';
import type { CapFeedRow } from '../../store/feed-tables.js';
import { touchPortal } from '../portal/generation.js';
import type { AppContext, Q } from '../context.js';
import { DEFAULT_FETCH_LIMITS, fetchFeed, type FetchLimits } from './fetch-feed.js';
import { readFeedAside, trustAnchorsIn } from './read-feed.js';
import type { CapWords } from '../../cap/sentences/sentences.js';

/** A feed's name per language; one name is used for all three. */
export type FeedName = Record<'kk' | 'ru' | 'en', string>;

export interface NewFeed {
  url: string;
  name: string | FeedName;
  pollSeconds?: number;
  /** A folder of PEM certificates the feed's signatures must chain to. */
  trustStore?: string;
}

/** What one poll did. */
export interface PollReport {
  feedId: string;
  outcome: 'read' | 'not-modified' | 'failed';
  added: number;
  duplicates: number;
  superseded: number;
  findings: CapFinding[];
}

const MIN_POLL_SECONDS = 30;

/** Adds a feed; refuses a URL that is not http(s), a second feed at the same URL, a missing store. */
export async function addFeed(
  ctx: AppContext,
  input: NewFeed,
  /** Written in the feed's own transaction (the console's audit entry). */
  alongside?: (trx: Q, feed: CapFeedRow) => Promise<void>,
): Promise<CapFeedRow> {
  let url: URL;
  try {
    url = new URL(input.url);
  } catch {
    throw badField('url', 'not_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw badField('url', 'url_scheme', { allowed: 'http, https' });
  const name =
    typeof input.name === 'string' ? { kk: input.name, ru: input.name, en: input.name } : input.name;
  if (!name.kk.trim() || !name.ru.trim() || !name.en.trim()) throw badField('name', 'not_empty');
  const pollSeconds = input.pollSeconds ?? 60;
  if (!Number.isInteger(pollSeconds) || pollSeconds < MIN_POLL_SECONDS)
    throw badField('pollSeconds', 'whole_at_least', { min: MIN_POLL_SECONDS });
  if (input.trustStore) trustAnchorsIn(input.trustStore);
  if (await feedRepository.byUrl(ctx.db.kysely, url.href)) throw badField('url', 'feed_exists');
  const now = ctx.clock.now().toISOString();
  const row: CapFeedRow = {
    id: randomUUID(),
    url: url.href,
    name: JSON.stringify(name),
    poll_seconds: pollSeconds,
    trust_store: input.trustStore ? path.resolve(input.trustStore) : null,
    etag: null,
    last_modified: null,
    next_poll_at: now,
    last_polled_at: null,
    last_outcome: null,
    last_findings: '[]',
    created_at: now,
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    await feedRepository.insert(trx, row);
    await alongside?.(trx, row);
  });
  return row;
}

export const listFeeds = (ctx: AppContext) => feedRepository.list(ctx.db.kysely);

/** Polls every feed that is due; each is claimed first, so two instances never poll one feed twice. */
export async function pollDueFeeds(ctx: AppContext, limits = DEFAULT_FETCH_LIMITS): Promise<PollReport[]> {
  const now = ctx.clock.now();
  const reports: PollReport[] = [];
  for (const feed of await feedRepository.due(ctx.db.kysely, now.toISOString())) {
    const next = new Date(now.getTime() + feed.poll_seconds * 1000).toISOString();
    if (!(await feedRepository.claim(ctx.db.kysely, feed.id, feed.next_poll_at, next))) continue;
    reports.push(await pollFeed(ctx, feed.id, limits));
  }
  return reports;
}

/** Fetches one feed now (conditional GET) and keeps each alert it has not seen. */
export async function pollFeed(
  ctx: AppContext,
  feedId: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<PollReport> {
  const feed = await feedRepository.get(ctx.db.kysely, feedId);
  if (!feed) throw notFound('The feed');
  const report: PollReport = {
    feedId,
    outcome: 'failed',
    added: 0,
    duplicates: 0,
    superseded: 0,
    findings: [],
  };
  const fetched = await fetchFeed(feed.url, { etag: feed.etag, lastModified: feed.last_modified }, limits);
  if (fetched.kind === 'not-modified') report.outcome = 'not-modified';
  else if (fetched.kind === 'failed') report.findings.push(finding('/', 'feed.fetch', fetched.reason));
  else {
    await readDocument(ctx, feed, fetched.body, report);
    // New or superseded alerts change the public site's list of other authorities' alerts.
    if (report.added > 0 || report.superseded > 0) await touchPortal(ctx.db.kysely, ctx.clock.now());
    await feedRepository.update(ctx.db.kysely, feed.id, {
      etag: fetched.validators.etag,
      last_modified: fetched.validators.lastModified,
    });
  }
  await feedRepository.update(ctx.db.kysely, feed.id, {
    last_polled_at: ctx.clock.now().toISOString(),
    last_outcome: report.outcome,
    last_findings: JSON.stringify(report.findings),
  });
  return report;
}

async function readDocument(
  ctx: AppContext,
  feed: CapFeedRow,
  body: Buffer,
  report: PollReport,
): Promise<void> {
  const receivedAt = ctx.clock.now();
  const reading = await readFeedAside(body, feed.trust_store, receivedAt);
  if ('unreadable' in reading) {
    report.findings.push(reading.unreadable);
    return;
  }
  report.outcome = 'read';
  for (const message of reading.messages) {
    const { alert, checked: findings, verdicts, verified } = message;
    const expires = alert.info
      .map((i) => i.expires)
      .filter((e): e is string => !!e)
      .map((e) => new Date(e).toISOString())
      .sort()
      .pop();
    const added = await externalAlertRepository.insertNew(ctx.db.kysely, {
      feed_id: feed.id,
      sender: alert.sender,
      identifier: alert.identifier,
      sent: new Date(alert.sent).toISOString(),
      sender_name: alert.info.find((i) => i.senderName)?.senderName ?? null,
      status: alert.status,
      msg_type: alert.msgType,
      expires: expires ?? null,
      alert_json: capToJsonText(alert),
      verified: verified ? 1 : 0,
      signatures: JSON.stringify(verdicts),
      findings: JSON.stringify(findings),
      superseded_by: null,
      received_at: receivedAt.toISOString(),
    });
    if (!added) {
      report.duplicates++;
      continue;
    }
    report.added++;
    report.findings.push(
      ...message.findings.map((f) => ({
        ...f,
        path: `${message.location}${f.path.replace(/^\/alert/, '')}`,
      })),
    );
    if (alert.msgType === 'Update' || alert.msgType === 'Cancel') {
      for (const ref of readReferences(alert.references ?? '')) {
        if (typeof ref === 'string') continue;
        report.superseded += await externalAlertRepository.supersede(
          ctx.db.kysely,
          ref.sender,
          ref.identifier,
          alert.identifier,
        );
      }
    }
  }
}

const finding = (pathOf: string, rule: string, words: CapWords): CapFinding =>
  capFinding(pathOf, 'error', rule, words);
