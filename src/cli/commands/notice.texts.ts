import type { MessageLang } from '../../core/messages/messages.js';
import { same } from '../cli.texts.js';

const COLUMNS = [
  'id',
  'slug',
  'status',
  'revision',
  'city',
  'startsAt',
  'endsAt',
  'languages',
  'title',
] as const;

/** What `dabyl notice list|show|cap` says to a person, in each language. */
export interface NoticeWords {
  notice: string;
  list: string;
  columns: Record<(typeof COLUMNS)[number], string>;
  incomplete: string;
  noTitle: string;
  show: string;
  /** The labels of `notice show`'s lines. */
  labels: Record<
    'id' | 'slug' | 'status' | 'revision' | 'city' | 'window' | 'languages' | 'title' | 'area' | 'closure',
    string
  >;
  revisionLine: (revision: number) => string;
  published: (kind: string, at: string, by: string, note: string | null) => string;
  toFix: string;
  cap: string;
  revisionOption: string;
  badRevision: (value: string) => string;
  noPublished: string;
  noRevision: (revision: number) => string;
}

export { COLUMNS as NOTICE_COLUMNS };

export const NOTICE_WORDS: Readonly<Record<MessageLang, NoticeWords>> = {
  en: {
    notice: 'public notices about drills',
    list: 'every notice, by the start of its window: status, city, window, languages (-xx: missing)',
    columns: same(COLUMNS),
    incomplete: 'incomplete',
    noTitle: '(no title)',
    show: 'one notice: its working copy, texts per language, areas and closures, revisions',
    labels: {
      id: 'id',
      slug: 'slug',
      status: 'status',
      revision: 'revision',
      city: 'city',
      window: 'window',
      languages: 'languages',
      title: 'title',
      area: 'area',
      closure: 'closure',
    },
    revisionLine: (revision) => `revision ${revision}`,
    published: (kind, at, by, note) => `${kind} ${at} by ${by}${note ? ` — ${note}` : ''}`,
    toFix: 'to fix',
    cap: 'print the CAP 1.2 XML of a published revision (the newest unless --revision)',
    revisionOption: 'revision number, from 1',
    badRevision: (value) => `--revision must be a whole number from 1, not "${value}"`,
    noPublished: 'A published revision of this notice was not found',
    noRevision: (revision) => `Revision ${revision} of this notice was not found`,
  },
  kk: {
    notice: 'жаттығулар туралы халыққа арналған хабарландырулар',
    list: 'барлық хабарландыру, уақыт аралығының басталуы бойынша: күйі, қаласы, аралығы, тілдері (-xx: жоқ)',
    columns: {
      id: 'Идентификатор',
      slug: 'Сілтеме аты',
      status: 'Күйі',
      revision: 'Нұсқасы',
      city: 'Қала',
      startsAt: 'Басталуы',
      endsAt: 'Аяқталуы',
      languages: 'Тілдер',
      title: 'Тақырыбы',
    },
    incomplete: 'толық емес',
    noTitle: '(тақырыбы жоқ)',
    show: 'бір хабарландыру: жұмыс көшірмесі, әр тілдегі мәтіндері, аймақтары мен жабылған жолдары, нұсқалары',
    labels: {
      id: 'Идентификатор',
      slug: 'Сілтеме аты',
      status: 'Күйі',
      revision: 'Нұсқасы',
      city: 'Қала',
      window: 'Аралығы',
      languages: 'Тілдер',
      title: 'Тақырыбы',
      area: 'Аймақ',
      closure: 'Жабылған жол',
    },
    revisionLine: (revision) => `${revision}-нұсқа`,
    published: (kind, at, by, note) => `${kind} ${at}, жариялаған: ${by}${note ? ` — ${note}` : ''}`,
    toFix: 'Түзету керек',
    cap: 'жарияланған нұсқаның CAP 1.2 XML мәтінін шығару (--revision берілмесе, ең жаңасы)',
    revisionOption: 'нұсқа нөмірі, 1-ден бастап',
    badRevision: (value) => `--revision: 1-ден басталатын бүтін сан болуы керек, «${value}» емес`,
    noPublished: 'Бұл хабарландырудың жарияланған нұсқасы табылмады',
    noRevision: (revision) => `Бұл хабарландырудың ${revision}-нұсқасы табылмады`,
  },
  ru: {
    notice: 'уведомления населения об учениях и тренировках',
    list: 'все уведомления, по началу их периода: статус, город, период, языки (-xx: нет)',
    columns: {
      id: 'Идентификатор',
      slug: 'Имя ссылки',
      status: 'Статус',
      revision: 'Версия',
      city: 'Город',
      startsAt: 'Начало',
      endsAt: 'Конец',
      languages: 'Языки',
      title: 'Заголовок',
    },
    incomplete: 'не полностью',
    noTitle: '(без заголовка)',
    show: 'одно уведомление: рабочая копия, тексты на каждом языке, зоны и перекрытия дорог, версии',
    labels: {
      id: 'Идентификатор',
      slug: 'Имя ссылки',
      status: 'Статус',
      revision: 'Версия',
      city: 'Город',
      window: 'Период',
      languages: 'Языки',
      title: 'Заголовок',
      area: 'Зона',
      closure: 'Перекрытие',
    },
    revisionLine: (revision) => `Версия ${revision}`,
    published: (kind, at, by, note) => `${kind} ${at}, опубликовал: ${by}${note ? ` — ${note}` : ''}`,
    toFix: 'Исправить',
    cap: 'вывести CAP 1.2 XML опубликованной версии (самой новой, если не указан --revision)',
    revisionOption: 'номер версии, начиная с 1',
    badRevision: (value) => `--revision: нужно целое число от 1, а не «${value}»`,
    noPublished: 'Опубликованная версия этого уведомления не найдена',
    noRevision: (revision) => `Версия ${revision} этого уведомления не найдена`,
  },
};
