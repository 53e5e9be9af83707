import type { NoticeText, PublicNotice } from '../../src/core/notice/notice.js';
import { areaTexts } from '../../src/core/notice/testing.js';
import type { AppContext } from '../../src/services/context.js';
import { touchPortal } from '../../src/services/portal/generation.js';
import { noticeRepository } from '../../src/store/notice.repository.js';

const text = (lang: 'kk' | 'ru' | 'en', title: string): NoticeText =>
  ({
    kk: {
      title,
      summary: 'EXPO көрмесі маңында антитеррорлық оқу-жаттығу өтеді. Бұл — оқу-жаттығу.',
      seeAndHear: 'Сиреналар, қарулы бөлімшелер, тікұшақтар, жабық көшелер.',
      doList: ['Полиция нұсқауларын орындаңыз'],
      dontList: ['112 нөміріне қоңырау шалмаңыз', 'Бөлімшелерді суретке түсірмеңіз'],
      contacts: 'Жедел желі: +7 7172 00 00 00',
    },
    ru: {
      title,
      summary: 'У выставочного центра EXPO пройдут антитеррористические учения. Это учения.',
      seeAndHear: 'Сирены, вооружённые подразделения, вертолёты, перекрытые улицы.',
      doList: ['Следуйте указаниям полиции'],
      dontList: ['Не звоните 112 из-за учений', 'Не снимайте подразделения'],
      contacts: 'Горячая линия: +7 7172 00 00 00',
    },
    en: {
      title,
      summary: 'A counter-terrorism drill takes place at the EXPO exhibition centre. This is a drill.',
      seeAndHear: 'Sirens, armed units, helicopters, closed streets.',
      doList: ['Follow police instructions'],
      dontList: ['Do not call 112 about the drill', 'Do not film the units'],
      contacts: 'Hotline: +7 7172 00 00 00',
    },
  })[lang];

let counter = 0;

/** A published notice as the read model returns it: Astana's EXPO drill, with an area and a closure. */
export function buildNotice(
  over: Partial<PublicNotice> & { langs?: ('kk' | 'ru' | 'en')[] } = {},
): PublicNotice {
  counter++;
  const id = over.id ?? `n${counter}`;
  const slug = over.slug ?? `expo-drill-${counter}`;
  const langs = over.langs ?? ['kk', 'ru', 'en'];
  const titles = { kk: 'EXPO маңындағы оқу-жаттығу', ru: 'Учения у EXPO', en: 'Drill at the EXPO centre' };
  const base: PublicNotice = {
    id,
    slug,
    revision: 1,
    kind: 'Alert',
    firstPublishedAt: '2026-10-20T06:00:00.000Z',
    publishedAt: '2026-10-20T06:00:00.000Z',
    capIdentifier: `urn:dabyl:notice:${id}:1`,
    snapshot: {
      id,
      slug,
      exerciseId: null,
      city: 'Astana',
      timeZone: 'Asia/Almaty',
      startsAt: '2026-11-03T04:00:00.000Z',
      endsAt: '2026-11-03T09:00:00.000Z',
      texts: Object.fromEntries(langs.map((l) => [l, text(l, titles[l])])),
      areas: [
        {
          id: `${id}-a`,
          kind: 'area',
          texts: areaTexts('EXPO exhibition centre'),
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [71.408, 51.088],
                [71.421, 51.088],
                [71.421, 51.095],
                [71.408, 51.095],
                [71.408, 51.088],
              ],
            ],
          },
          startsAt: null,
          endsAt: null,
          zoneId: null,
        },
        {
          id: `${id}-c`,
          kind: 'closure',
          texts: areaTexts('Mangilik El avenue', 'Mangilik El'),
          geometry: {
            type: 'LineString',
            coordinates: [
              [71.425, 51.08],
              [71.427, 51.09],
              [71.43, 51.1],
            ],
          },
          startsAt: '2026-11-03T03:30:00.000Z',
          endsAt: '2026-11-03T10:00:00.000Z',
          zoneId: null,
        },
      ],
    },
    history: [{ revision: 1, kind: 'Alert', note: null, publishedAt: '2026-10-20T06:00:00.000Z' }],
  };
  const { langs: _langs, ...rest } = over;
  const revision = over.revision ?? 1;
  return {
    ...base,
    capIdentifier: `urn:dabyl:notice:${id}:${revision}`,
    ...rest,
    snapshot: { ...base.snapshot, ...(over.snapshot ?? {}) },
  };
}

/**
 * Writes a notice's published revision straight into the tables and bumps the portal generation,
 * as publishing does: the site's tests need published notices, not the workflow that makes them.
 */
export async function storePublished(
  ctx: AppContext,
  notice: PublicNotice,
  capXml = '<alert/>',
): Promise<void> {
  const db = ctx.db.kysely;
  const s = notice.snapshot;
  await db.transaction().execute(async (trx) => {
    const existing = await noticeRepository.get(trx, notice.id);
    const row = {
      slug: notice.slug,
      status: notice.kind === 'Cancel' ? 'cancelled' : 'published',
      city: s.city,
      time_zone: s.timeZone,
      starts_at: s.startsAt,
      ends_at: s.endsAt,
      texts: JSON.stringify(s.texts),
      areas: JSON.stringify(s.areas),
      revision: notice.revision,
      updated_at: notice.publishedAt,
    };
    if (existing) await noticeRepository.update(trx, notice.id, existing.version, row);
    else
      await noticeRepository.insert(trx, {
        id: notice.id,
        exercise_id: null,
        version: 1,
        created_by: null,
        submitted_by: null,
        submitted_at: null,
        created_at: notice.firstPublishedAt,
        ...row,
      });
    await noticeRepository.insertRevision(trx, {
      notice_id: notice.id,
      revision: notice.revision,
      kind: notice.kind,
      snapshot: JSON.stringify(s),
      note: notice.history.at(-1)?.note ?? null,
      cap_identifier: notice.capIdentifier,
      cap_xml: capXml,
      drafted_by: null,
      published_by: 'pio',
      published_at: notice.publishedAt,
    });
    await touchPortal(trx, new Date(notice.publishedAt));
  });
}
