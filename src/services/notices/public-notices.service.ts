import type { PublicNotice } from '../../core/notice/notice.js';
import { readSnapshot } from '../../core/notice/area.js';
import { noticeRepository, type NoticeRevisionMeta } from '../../store/notice.repository.js';
import type { AppContext, Q } from '../context.js';

/*
 * What the public site, the feeds and the e-mails read: published revisions only. A working copy
 * being corrected (status draft or review) is invisible here; the public keeps seeing the last
 * revision until the next one is published.
 */

export { publicState } from '../../core/notice/state.js';

type Kind = PublicNotice['kind'];
type HistoryRow = Awaited<ReturnType<typeof noticeRepository.historyOf>>[number];

function assemble(newest: NoticeRevisionMeta, history: HistoryRow[]): PublicNotice {
  const snapshot = readSnapshot(newest.snapshot);
  const first = history.find((h) => h.revision === 1) ?? history[0];
  return {
    id: newest.notice_id,
    slug: snapshot.slug,
    revision: newest.revision,
    kind: newest.kind as Kind,
    firstPublishedAt: first?.published_at ?? newest.published_at,
    publishedAt: newest.published_at,
    capIdentifier: newest.cap_identifier,
    snapshot,
    history: history.map((h) => ({
      revision: h.revision,
      kind: h.kind as Kind,
      note: h.note,
      publishedAt: h.published_at,
    })),
  };
}

const byStart = (a: PublicNotice, b: PublicNotice) =>
  a.snapshot.startsAt < b.snapshot.startsAt
    ? -1
    : a.snapshot.startsAt > b.snapshot.startsAt
      ? 1
      : a.slug < b.slug
        ? -1
        : a.slug > b.slug
          ? 1
          : 0;

/** Every notice published at least once, as its newest revision (cancelled ones too), by start. */
export async function listPublicNotices(ctx: AppContext): Promise<PublicNotice[]> {
  return listPublic(ctx.db.kysely);
}

export async function listPublic(db: Q): Promise<PublicNotice[]> {
  const [newest, history] = await Promise.all([
    noticeRepository.newestRevisions(db),
    noticeRepository.historyOf(db),
  ]);
  const byNotice = new Map<string, HistoryRow[]>();
  for (const h of history) {
    const list = byNotice.get(h.notice_id) ?? [];
    list.push(h);
    byNotice.set(h.notice_id, list);
  }
  return newest.map((n) => assemble(n, byNotice.get(n.notice_id) ?? [])).sort(byStart);
}

async function one(db: Q, where: { id?: string; slug?: string }): Promise<PublicNotice | null> {
  const [newest] = await noticeRepository.newestRevisions(db, where);
  if (!newest) return null;
  return assemble(newest, await noticeRepository.historyOf(db, newest.notice_id));
}

/** The published notice at this slug, or null (never published, or no such slug). */
export async function getPublicNotice(ctx: AppContext, slug: string): Promise<PublicNotice | null> {
  return one(ctx.db.kysely, { slug });
}

export async function getPublicNoticeById(ctx: AppContext, id: string): Promise<PublicNotice | null> {
  return one(ctx.db.kysely, { id });
}

/** The CAP 1.2 XML stored when the revision was published; the newest when no revision is given. */
export async function getNoticeCap(ctx: AppContext, id: string, revision?: number): Promise<string | null> {
  const db = ctx.db.kysely;
  let wanted = revision;
  if (wanted === undefined) {
    const notice = await noticeRepository.get(db, id);
    if (!notice || notice.revision < 1) return null;
    wanted = notice.revision;
  }
  if (!Number.isInteger(wanted) || wanted < 1) return null;
  return (await noticeRepository.revision(db, id, wanted))?.cap_xml ?? null;
}
