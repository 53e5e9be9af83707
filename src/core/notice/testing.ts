import type { NoticeArea, NoticeSnapshot, NoticeText } from './notice.js';

/** A complete notice in three languages: the Karaganda drill of the seed, for tests. */
export function sampleText(lang: 'kk' | 'ru' | 'en'): NoticeText {
  const t = {
    kk: {
      title: 'Қарағандыдағы терроризмге қарсы жаттығу',
      summary: '25 қазанда Қарағандыда жоспарлы жаттығу өтеді.',
      seeAndHear: 'Сиреналар, қарулы бөлімшелер, түтін және тікұшақтар.',
      doList: ['Жабық көшелерді айналып өтіңіз'],
      dontList: ['Жаттығу туралы 112-ге қоңырау шалмаңыз'],
      contacts: 'Облыстық штаб: +7 7212 00 00 00',
    },
    ru: {
      title: 'Антитеррористические учения в Караганде',
      summary: '25 октября в Караганде пройдут плановые учения.',
      seeAndHear: 'Сирены, вооружённые подразделения, дым и вертолёты.',
      doList: ['Объезжайте перекрытые улицы'],
      dontList: ['Не звоните 112 из-за учений'],
      contacts: 'Областной штаб: +7 7212 00 00 00',
    },
    en: {
      title: 'Counter-terrorism drill in Karaganda',
      summary: 'A planned drill takes place in Karaganda on 25 October.',
      seeAndHear: 'Sirens, armed units, smoke and helicopters.',
      doList: ['Drive around the closed streets'],
      dontList: ['Do not call 112 about the drill'],
      contacts: 'Regional HQ: +7 7212 00 00 00',
    },
  } as const;
  return { ...t[lang], doList: [...t[lang].doList], dontList: [...t[lang].dontList] };
}

export function sampleSnapshot(over: Partial<NoticeSnapshot> = {}): NoticeSnapshot {
  return {
    id: '5d1c3a52-0000-4000-8000-000000000001',
    slug: '2026-10-25-counter-terrorism-drill-in-karaganda',
    exerciseId: null,
    city: 'Karaganda (Қарағанды / Караганда)',
    timeZone: 'Asia/Almaty',
    startsAt: '2026-10-25T02:00:00.000Z',
    endsAt: '2026-10-25T14:00:00.000Z',
    texts: { kk: sampleText('kk'), ru: sampleText('ru'), en: sampleText('en') },
    areas: [
      {
        id: 'a1',
        kind: 'area',
        texts: {
          kk: { name: 'Түрме маңындағы қоршау', description: '' },
          ru: { name: 'Оцепление вокруг учреждения', description: '' },
          en: { name: 'Cordon around the facility', description: '' },
        },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [73.05, 49.85],
              [73.06, 49.85],
              [73.06, 49.86],
              [73.05, 49.86],
              [73.05, 49.85],
            ],
          ],
        },
        startsAt: null,
        endsAt: null,
        zoneId: null,
      },
      {
        id: 'c1',
        kind: 'closure',
        texts: {
          kk: {
            name: 'Бұқар жырау даңғылы',
            description:
              'Гоголь көшесінен Ерубаев көшесіне дейін жабық; Ерубаев көшесі арқылы айналып өтіңіз.',
          },
          ru: {
            name: 'Проспект Бухар-Жырау',
            description: 'Закрыт от улицы Гоголя до улицы Ерубаева; объезд по улице Ерубаева.',
          },
          en: {
            name: 'Bukhar-Zhyrau avenue',
            description: 'Closed from Gogol street to Yerubaev street; use Yerubaev street instead.',
          },
        },
        geometry: {
          type: 'LineString',
          coordinates: [
            [73.09, 49.8],
            [73.1, 49.805],
            [73.11, 49.81],
          ],
        },
        startsAt: '2026-10-25T03:30:00.000Z',
        endsAt: '2026-10-25T08:00:00.000Z',
        zoneId: null,
      },
    ],
    ...over,
  };
}

/** The same public name and description in every language, for tests that are not about wording. */
export const areaTexts = (name: string, description = ''): NoticeArea['texts'] => ({
  kk: { name, description },
  ru: { name, description },
  en: { name, description },
});
