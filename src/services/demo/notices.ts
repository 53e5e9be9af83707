import type { NoticeText, NoticeTexts } from '../../core/notice/notice.js';
import { exerciseRepository } from '../../store/exercise.repository.js';
import { noticeRepository } from '../../store/notice.repository.js';
import type { AppContext } from '../context.js';
import type { NoticeArea } from '../../core/notice/notice.js';
import { planRepository } from '../../store/plan.repository.js';
import { createNotice, publishNotice, submitNotice, updateNotice } from '../notices/notices.service.js';
import { DEMO_PUBLIC_PLACES } from './public-places.js';
import { demoActor } from './actors.js';
import { ASTANA } from './scenario/astana.js';
import { EXPO } from './scenario/expo.js';
import { KARAGANDA } from './scenario/karaganda.js';
import { PAVLODAR } from './scenario/pavlodar.js';

/*
 * Published notices for the seed's drills, in Kazakh, Russian and English, so that a fresh install
 * shows a living public site: Astana's city-centre closures, the EXPO centre, Karaganda and
 * Pavlodar. Each is made from its exercise (zones and closures with their own windows) by the
 * demo PIO and published by the demo authoriser: a second person, as the workflow demands.
 */

const t = (
  title: string,
  summary: string,
  seeAndHear: string,
  doList: string[],
  dontList: string[],
  contacts: string,
): NoticeText => ({ title, summary, seeAndHear, doList, dontList, contacts });

const ESD_KK = 'Астана қаласының ТЖД кезекші бөлімі: 112 емес, +7 7172 00 00 00 (тәулік бойы)';
const ESD_RU = 'Дежурная часть ДЧС города Астаны: не 112, а +7 7172 00 00 00 (круглосуточно)';
const ESD_EN = 'Astana emergency service duty desk: not 112 but +7 7172 00 00 00 (round the clock)';

const DONT = {
  kk: [
    'Жаттығуға байланысты 112-ге қоңырау шалмаңыз',
    'Кордонға жақындамаңыз және бөлімшелерді суретке түсірмеңіз',
    'Тексерілмеген хабарларды таратпаңыз',
  ],
  ru: [
    'Не звоните 112 из-за учений',
    'Не подходите к оцеплению и не снимайте подразделения',
    'Не распространяйте непроверенные сообщения',
  ],
  en: [
    'Do not call 112 because of the drill',
    'Do not approach the cordon or film the units',
    'Do not spread unverified messages',
  ],
};

export interface DemoNotice {
  /** The exercise it is made from, by name. */
  exercise: string;
  texts: NoticeTexts;
}

export const DEMO_NOTICES: readonly DemoNotice[] = [
  {
    exercise: ASTANA.name,
    texts: {
      kk: t(
        'Астана орталығындағы терроризмге қарсы жаттығулар: көшелер жабылады',
        'Жаттығу күндері вокзал, «Астана Арена» және «Хан Шатыр» маңында полиция мен арнайы бөлімшелер жаттығады. Бұл — жоспарлы жаттығу.',
        'Қарулы бөлімшелер, полиция көліктері, жарқыл сигналдары, кордондар және уақытша жабылған көшелер.',
        ['Жабық көшелерді айналып өтіңіз', 'Полиция қызметкерлерінің нұсқауларын орындаңыз'],
        DONT.kk,
        ESD_KK,
      ),
      ru: t(
        'Антитеррористические учения в центре Астаны: перекрытия улиц',
        'В дни учений у вокзала, «Астана Арены» и «Хан Шатыра» тренируются полиция и спецподразделения. Это плановые учения.',
        'Вооружённые подразделения, полицейские машины, проблесковые маячки, оцепление и временно перекрытые улицы.',
        ['Объезжайте перекрытые улицы', 'Выполняйте указания сотрудников полиции'],
        DONT.ru,
        ESD_RU,
      ),
      en: t(
        'Counter-terrorism drills in central Astana: road closures',
        'On the drill days police and special forces train at the railway station, Astana Arena and Khan Shatyr. This is a planned drill.',
        'Armed units, police cars, flashing lights, cordons and streets closed for a few hours.',
        ['Drive around the closed streets', 'Follow the instructions of police officers'],
        DONT.en,
        ESD_EN,
      ),
    },
  },
  {
    exercise: EXPO.name,
    texts: {
      kk: t(
        'EXPO көрме орталығындағы терроризмге қарсы жаттығу',
        'EXPO аумағында адамдарды эвакуациялау және арнайы бөлімшелердің әрекеттері жаттықтырылады. Бұл — жоспарлы жаттығу.',
        'Сиреналар, эвакуацияланатын адамдар, түтін, жедел жәрдем көліктері, қарулы бөлімшелер және жабық даңғылдар.',
        ['Мәңгілік Ел және Қабанбай батыр даңғылдарын айналып өтіңіз', 'Тұран даңғылын пайдаланыңыз'],
        DONT.kk,
        ESD_KK,
      ),
      ru: t(
        'Антитеррористические учения в выставочном центре EXPO',
        'На территории EXPO отрабатываются эвакуация людей и действия спецподразделений. Это плановые учения.',
        'Сирены, эвакуируемые люди, дым, машины скорой помощи, вооружённые подразделения и перекрытые проспекты.',
        ['Объезжайте проспекты Мангилик Ел и Кабанбай батыра', 'Пользуйтесь проспектом Туран'],
        DONT.ru,
        ESD_RU,
      ),
      en: t(
        'Counter-terrorism drill at the EXPO exhibition centre',
        'An evacuation and a special-forces operation are rehearsed on the EXPO site. This is a planned drill.',
        'Sirens, people being evacuated, smoke, ambulances, armed units and closed avenues.',
        ['Avoid Mangilik El and Kabanbay Batyr avenues', 'Use Turan avenue instead'],
        DONT.en,
        ESD_EN,
      ),
    },
  },
  {
    exercise: KARAGANDA.name,
    texts: {
      kk: t(
        'Қарағанды облысындағы ауқымды терроризмге қарсы жаттығу',
        'Түзеу мекемесі, №7 мектеп және «Сарыарқа» әуежайы маңында күні бойы жаттығу өтеді. Бұл — жоспарлы жаттығу.',
        'Атыс дыбыстары (бос оқтар), сиреналар, тікұшақтар, түтін, қарулы бөлімшелер мен бронетехника, жабық көшелер.',
        ['Жабық көшелерді айналып өтіңіз', 'Әуежайға ерте шығыңыз'],
        DONT.kk,
        'Облыстық жедел штаб: +7 7212 00 00 00',
      ),
      ru: t(
        'Масштабные антитеррористические учения в Карагандинской области',
        'Весь день учения идут у исправительного учреждения, школы № 7 и аэропорта «Сарыарка». Это плановые учения.',
        'Звуки стрельбы (холостые патроны), сирены, вертолёты, дым, вооружённые подразделения и бронетехника, перекрытые улицы.',
        ['Объезжайте перекрытые улицы', 'Выезжайте в аэропорт заранее'],
        DONT.ru,
        'Областной оперативный штаб: +7 7212 00 00 00',
      ),
      en: t(
        'Full-scale counter-terrorism exercise in Karaganda region',
        'All day long the drill runs at the correctional institution, School No. 7 and Sary-Arka airport. This is a planned drill.',
        'Gunfire (blanks), sirens, helicopters, smoke, armed units and armoured vehicles, closed streets.',
        ['Drive around the closed streets', 'Leave early for the airport'],
        DONT.en,
        'Regional operations HQ: +7 7212 00 00 00',
      ),
    },
  },
  {
    exercise: PAVLODAR.name,
    texts: {
      kk: t(
        'Павлодардағы терроризмге қарсы жаттығу: ЖЭО-3 және Мәдениет сарайы',
        'ЖЭО-3 және Мәдениет сарайы маңында полиция мен арнайы бөлімшелер жаттығады. Электр және жылу беру тоқтамайды. Бұл — жоспарлы жаттығу.',
        'Қарулы бөлімшелер, сиреналар, кордондар және бірнеше сағатқа жабылған көшелер.',
        ['Сәтбаев көшесін айналып өтіңіз'],
        DONT.kk,
        'Павлодар облысының ТЖД: +7 7182 00 00 00',
      ),
      ru: t(
        'Антитеррористические учения в Павлодаре: ТЭЦ-3 и Дворец культуры',
        'У ТЭЦ-3 и Дворца культуры тренируются полиция и спецподразделения. Электро- и теплоснабжение не прерывается. Это плановые учения.',
        'Вооружённые подразделения, сирены, оцепление и перекрытые на несколько часов улицы.',
        ['Объезжайте улицу Сатпаева'],
        DONT.ru,
        'ДЧС Павлодарской области: +7 7182 00 00 00',
      ),
      en: t(
        'Counter-terrorism drill in Pavlodar: CHP-3 and the Palace of Culture',
        'Police and special forces train at the CHP-3 power plant and the Palace of Culture. Power and heating are not interrupted. This is a planned drill.',
        'Armed units, sirens, cordons and streets closed for a few hours.',
        ['Avoid Satpayev street'],
        DONT.en,
        'Pavlodar region emergency service: +7 7182 00 00 00',
      ),
    },
  },
];

/**
 * Drafts, submits and publishes each demo notice whose exercise exists and has none yet. A drill
 * already over gets no notice (a notice is for what is still to come). Returns how many it added.
 */
export async function loadNotices(ctx: AppContext, userIds: ReadonlyMap<string, string>): Promise<number> {
  const db = ctx.db.kysely;
  const pio = demoActor(userIds, 'pio.esd', 'pio');
  const authoriser = demoActor(userIds, 'authoriser.esd', 'authoriser');
  const exercises = await exerciseRepository.list(db);
  const now = ctx.clock.now().toISOString();
  let added = 0;
  for (const spec of DEMO_NOTICES) {
    const ex = exercises.find((e) => e.name === spec.exercise);
    if (!ex || ex.endex <= now) continue;
    if ((await noticeRepository.list(db, { exerciseId: ex.id })).length > 0) continue;
    let n = await createNotice(ctx, pio.info, pio.policy, { exerciseId: ex.id, texts: spec.texts });
    n = await updateNotice(ctx, pio.info, pio.policy, n.id, n.version, {
      areas: await withPublicTexts(ctx, ex.id, n.areas),
    });
    n = await submitNotice(ctx, pio.info, pio.policy, n.id, n.version);
    await publishNotice(ctx, authoriser.info, authoriser.policy, n.id, n.version);
    added++;
  }
  return added;
}

/** The PIO's public words for each copied zone, which the copy leaves blank. */
async function withPublicTexts(
  ctx: AppContext,
  exerciseId: string,
  areas: NoticeArea[],
): Promise<NoticeArea[]> {
  const zones = new Map((await planRepository.zones(ctx.db.kysely, exerciseId)).map((z) => [z.id, z.name]));
  return areas.map((a) => {
    const zoneName = a.zoneId ? zones.get(a.zoneId) : undefined;
    const texts = zoneName ? DEMO_PUBLIC_PLACES[zoneName] : undefined;
    if (!texts) throw new Error(`The demo has no public text for zone "${zoneName ?? a.zoneId ?? a.id}"`);
    return { ...a, texts };
  });
}
