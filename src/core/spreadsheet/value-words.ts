import type { DELIVERY_METHODS, EVENT_KINDS, EXERCISE_ROLES, VENUE_KINDS } from '../../contract/enums.js';

/**
 * The console's own word for each coded value a sheet carries, in Kazakh and Russian, and the other
 * spellings planners use that the import reads too. An export writes the first, so a sheet exported
 * in any language imports back unchanged; a finding that lists what a column accepts names them in
 * its reader's language. Kept without imports of code, as the message catalogues read it.
 */

type EventKind = (typeof EVENT_KINDS)[number];
type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export interface ValueWords {
  kk: string;
  ru: string;
  /** Other spellings the import reads besides the code and the two words above. */
  also: readonly string[];
}

export const EVENT_KIND_WORDS: Readonly<Record<EventKind, ValueWords>> = {
  inject: { kk: 'Кіріспе', ru: 'Вводная', also: [] },
  'controller-info': {
    kk: 'Бақылаушыларға ақпарат',
    ru: 'Информация для контролёров',
    also: ['controller info', 'controller information', 'информация для посредников', 'информация'],
  },
  'facilitation-note': {
    kk: 'Жүргізушінің ескертпесі',
    ru: 'Заметка ведущего',
    also: ['facilitation note', 'примечание ведущего'],
  },
};

export const DELIVERY_METHOD_WORDS: Readonly<Record<DeliveryMethod, ValueWords>> = {
  'in-app': { kk: 'Қосымшада', ru: 'В приложении', also: ['app', 'in app', 'приложение'] },
  email: {
    kk: 'Эл. пошта',
    ru: 'Эл. почта',
    also: ['e mail', 'почта', 'электронная почта', 'электрондық пошта'],
  },
  sms: { kk: 'SMS', ru: 'SMS', also: ['смс'] },
  phone: { kk: 'Телефон', ru: 'Телефон', also: ['звонок'] },
  radio: { kk: 'Радио', ru: 'Радио', also: ['рация', 'радиостанция'] },
  'in-person': {
    kk: 'Жеке өзі',
    ru: 'Лично',
    also: ['in person', 'устно', 'нарочным', 'жеке', 'ауызша'],
  },
  siren: { kk: 'Сирена', ru: 'Сирена', also: [] },
  'public-alert': { kk: 'Халықты хабардар ету', ru: 'Оповещение населения', also: ['public alert'] },
};

/**
 * Exercise roles as the console names them. "Бақылаушы" is the controller in Dabyl's Kazakh (the
 * observer is "байқаушы"), so it is never read as an observer, as some documents use it.
 */
export const EXERCISE_ROLE_WORDS: Readonly<Record<(typeof EXERCISE_ROLES)[number], ValueWords>> = {
  director: {
    kk: 'Оқу-жаттығу басшысы',
    ru: 'Руководитель учений',
    also: ['руководитель', 'руководитель учения', 'жетекші', 'басшы'],
  },
  controller: { kk: 'Бақылаушы', ru: 'Контролёр', also: ['посредник', 'делдал'] },
  'senior-controller': {
    kk: 'Аға бақылаушы',
    ru: 'Старший контролёр',
    also: ['старший посредник', 'senior controller'],
  },
  'safety-controller': {
    kk: 'Қауіпсіздік бақылаушысы',
    ru: 'Контролёр по безопасности',
    also: ['посредник по безопасности', 'safety controller'],
  },
  simulator: { kk: 'Имитатор', ru: 'Имитатор', also: [] },
  evaluator: { kk: 'Бағалаушы', ru: 'Оценщик', also: [] },
  'lead-evaluator': { kk: 'Аға бағалаушы', ru: 'Старший оценщик', also: ['lead evaluator'] },
  player: { kk: 'Жаттығушы', ru: 'Обучаемый', also: ['игрок', 'ойыншы', 'участник'] },
  actor: { kk: 'Статист', ru: 'Статист', also: ['актер'] },
  observer: { kk: 'Байқаушы', ru: 'Наблюдатель', also: [] },
  'trusted-agent': { kk: 'Сенімді тұлға', ru: 'Доверенное лицо', also: ['trusted agent'] },
};

export const VENUE_KIND_WORDS: Readonly<Record<(typeof VENUE_KINDS)[number], ValueWords>> = {
  school: { kk: 'Мектеп', ru: 'Школа', also: [] },
  prison: {
    kk: 'Түзеу мекемесі',
    ru: 'Исправительное учреждение',
    also: ['тюрьма', 'исправительная колония', 'колония', 'түрме'],
  },
  airport: { kk: 'Әуежай', ru: 'Аэропорт', also: [] },
  'power-plant': { kk: 'Электр станциясы', ru: 'Электростанция', also: ['тэц', 'гэс', 'power plant'] },
  'exhibition-centre': { kk: 'Көрме орталығы', ru: 'Выставочный центр', also: ['exhibition centre'] },
  'palace-of-culture': { kk: 'Мәдениет сарайы', ru: 'Дворец культуры', also: ['palace of culture'] },
  'railway-station': {
    kk: 'Теміржол вокзалы',
    ru: 'Железнодорожный вокзал',
    also: ['вокзал', 'темір жол вокзалы', 'railway station'],
  },
  hospital: { kk: 'Аурухана', ru: 'Больница', also: [] },
  stadium: { kk: 'Стадион', ru: 'Стадион', also: [] },
  'government-building': {
    kk: 'Әкімшілік ғимарат',
    ru: 'Административное здание',
    also: ['акимат', 'әкімдік', 'government building'],
  },
  other: { kk: 'Басқа', ru: 'Другое', also: [] },
};

/** Every coded value's word in `lang`, for sentences that list what a column accepts. */
export function valueWordsIn(lang: 'kk' | 'ru'): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of [EVENT_KIND_WORDS, DELIVERY_METHOD_WORDS, EXERCISE_ROLE_WORDS, VENUE_KIND_WORDS])
    for (const [code, words] of Object.entries(table)) out[code] = (words as ValueWords)[lang];
  return out;
}
