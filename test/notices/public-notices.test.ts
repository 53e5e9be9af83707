import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NoticeSnapshot } from '../../src/core/notice/notice.js';
import type { AppContext } from '../../src/services/context.js';
import {
  getNoticeCap,
  getPublicNotice,
  getPublicNoticeById,
  listPublicNotices,
  publicState,
} from '../../src/services/notices/public-notices.service.js';
import { noticeRepository } from '../../src/store/notice.repository.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

/*
 * The public read model on its own: rows written straight into the tables, so that what the site,
 * feeds and e-mails read is pinned independently of the workflow that normally writes them.
 */

function snapshot(id: string, slug: string, startsAt: string, endsAt: string, title: string): NoticeSnapshot {
  return {
    id,
    slug,
    exerciseId: null,
    city: 'Astana',
    timeZone: 'Asia/Almaty',
    startsAt,
    endsAt,
    texts: {
      ru: { title, summary: 'Учения.', seeAndHear: 'Сирены.', doList: [], dontList: [], contacts: '112' },
    },
    areas: [],
  };
}

async function addNotice(
  ctx: AppContext,
  id: string,
  slug: string,
  window: [string, string],
  revisions: { kind: string; note: string | null; title: string; at: string }[],
  status = 'published',
) {
  const db = ctx.db.kysely;
  await noticeRepository.insert(db, {
    id,
    exercise_id: null,
    slug,
    status,
    city: 'Astana',
    time_zone: 'Asia/Almaty',
    starts_at: window[0],
    ends_at: window[1],
    texts: '{}',
    areas: '[]',
    revision: revisions.length,
    version: 1,
    created_by: null,
    submitted_by: null,
    submitted_at: null,
    created_at: '2026-10-01T00:00:00.000Z',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  for (const [i, r] of revisions.entries())
    await noticeRepository.insertRevision(db, {
      notice_id: id,
      revision: i + 1,
      kind: r.kind,
      snapshot: JSON.stringify(snapshot(id, slug, window[0], window[1], r.title)),
      note: r.note,
      cap_identifier: `urn:test:${id}:${i + 1}`,
      cap_xml: `<alert>${id} r${i + 1}</alert>`,
      drafted_by: 'a',
      published_by: 'b',
      published_at: r.at,
    });
}

describe.each(ENGINES)('public notices read model on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    await addNotice(
      ctx,
      'n-late',
      'late-drill',
      ['2026-11-02T04:00:00.000Z', '2026-11-02T08:00:00.000Z'],
      [{ kind: 'Alert', note: null, title: 'Поздние учения', at: '2026-10-10T00:00:00.000Z' }],
    );
    await addNotice(
      ctx,
      'n-early',
      'early-drill',
      ['2026-10-25T04:00:00.000Z', '2026-10-25T08:00:00.000Z'],
      [
        { kind: 'Alert', note: null, title: 'Учения v1', at: '2026-10-11T00:00:00.000Z' },
        { kind: 'Update', note: 'Closure ends at 13:00', title: 'Учения v2', at: '2026-10-12T00:00:00.000Z' },
      ],
    );
    await addNotice(
      ctx,
      'n-cancel',
      'cancelled-drill',
      ['2026-10-28T04:00:00.000Z', '2026-10-28T08:00:00.000Z'],
      [
        { kind: 'Alert', note: null, title: 'Отменённые', at: '2026-10-13T00:00:00.000Z' },
        { kind: 'Cancel', note: 'Drill called off', title: 'Отменённые', at: '2026-10-14T00:00:00.000Z' },
      ],
    );
    // Never published: a draft is invisible to the public.
    await addNotice(
      ctx,
      'n-draft',
      'draft-drill',
      ['2026-10-20T04:00:00.000Z', '2026-10-20T08:00:00.000Z'],
      [],
      'draft',
    );
  });
  afterAll(async () => drop?.());

  it('lists every published notice as its newest revision, cancelled included, by start', async () => {
    const list = await listPublicNotices(ctx);
    expect(list.map((n) => [n.slug, n.revision, n.kind])).toEqual([
      ['early-drill', 2, 'Update'],
      ['cancelled-drill', 2, 'Cancel'],
      ['late-drill', 1, 'Alert'],
    ]);
    const early = list[0]!;
    expect(early.snapshot.texts.ru?.title).toBe('Учения v2');
    expect(early.firstPublishedAt).toBe('2026-10-11T00:00:00.000Z');
    expect(early.publishedAt).toBe('2026-10-12T00:00:00.000Z');
    expect(early.capIdentifier).toBe('urn:test:n-early:2');
    expect(early.history).toEqual([
      { revision: 1, kind: 'Alert', note: null, publishedAt: '2026-10-11T00:00:00.000Z' },
      { revision: 2, kind: 'Update', note: 'Closure ends at 13:00', publishedAt: '2026-10-12T00:00:00.000Z' },
    ]);
  });

  it('finds one by slug and by id; a draft or unknown one is null', async () => {
    expect((await getPublicNotice(ctx, 'cancelled-drill'))?.kind).toBe('Cancel');
    expect((await getPublicNoticeById(ctx, 'n-late'))?.slug).toBe('late-drill');
    expect(await getPublicNotice(ctx, 'draft-drill')).toBeNull();
    expect(await getPublicNoticeById(ctx, 'n-draft')).toBeNull();
    expect(await getPublicNotice(ctx, 'nope')).toBeNull();
  });

  it('serves the stored CAP of the newest or of a named revision', async () => {
    expect(await getNoticeCap(ctx, 'n-early')).toBe('<alert>n-early r2</alert>');
    expect(await getNoticeCap(ctx, 'n-early', 1)).toBe('<alert>n-early r1</alert>');
    expect(await getNoticeCap(ctx, 'n-early', 3)).toBeNull();
    expect(await getNoticeCap(ctx, 'n-early', 0)).toBeNull();
    expect(await getNoticeCap(ctx, 'n-draft')).toBeNull();
    expect(await getNoticeCap(ctx, 'nope')).toBeNull();
  });

  it('says upcoming, now, ended or cancelled', async () => {
    const early = (await getPublicNotice(ctx, 'early-drill'))!;
    expect(publicState(early, new Date('2026-10-25T03:59:59Z'))).toBe('upcoming');
    expect(publicState(early, new Date('2026-10-25T04:00:00Z'))).toBe('now');
    expect(publicState(early, new Date('2026-10-25T08:00:00Z'))).toBe('ended');
    const cancelled = (await getPublicNotice(ctx, 'cancelled-drill'))!;
    expect(publicState(cancelled, new Date('2026-10-01T00:00:00Z'))).toBe('cancelled');
  });
});
