/**
 * The fields each kind of spreadsheet can fill, with the column names planners use for them in
 * English, Russian and Kazakh. `label` and `labels` are the ones exports write, in the export's
 * language, so an exported file maps itself back on import.
 */

import { SHEET_KINDS } from '../../contract/enums.js';
export { SHEET_KINDS };
export type SheetKind = (typeof SHEET_KINDS)[number];

export interface FieldSpec {
  key: string;
  /** Header written on an English export. */
  label: string;
  /**
   * Headers written on a Kazakh and a Russian export: each is one of `synonyms`, so the sheet maps
   * itself back on import (fields.test.ts holds them to it).
   */
  labels: Readonly<Record<'kk' | 'ru', string>>;
  synonyms: readonly string[];
  required?: boolean;
}

const MSEL: readonly FieldSpec[] = [
  {
    key: 'number',
    label: 'Number',
    labels: { kk: 'Нөмірі', ru: 'Номер' },
    required: true,
    synonyms: [
      '№',
      'no',
      '#',
      'nr',
      'number',
      'inject no',
      'inject number',
      'номер',
      '№ п п',
      'номер вводной',
      '№ вводной',
      'нөмірі',
      'нөмір',
      'р с',
    ],
  },
  {
    key: 'kind',
    label: 'Kind',
    labels: { kk: 'Түрі', ru: 'Тип события' },
    synonyms: ['kind', 'event kind', 'type', 'event type', 'тип', 'вид', 'тип события', 'түрі'],
  },
  {
    key: 'offset',
    label: 'Offset (H+)',
    labels: { kk: 'Уақыт С+', ru: 'Время Ч+' },
    synonyms: [
      'offset',
      'h+',
      'h',
      'time h+',
      'offset h+',
      'ч+',
      'ч',
      'время ч+',
      'смещение',
      'от начала',
      'от начала учения',
      'с+',
      'уақыт с+',

      'offset from startex',
      'смещение от startex',
      'startex тен ығысу',
      'ығысу',
      'ығысу с+',
    ],
  },
  {
    key: 'time',
    label: 'Local time',
    labels: { kk: 'Жергілікті уақыт', ru: 'Местное время' },
    synonyms: [
      'local time',
      'time',
      'scheduled',
      'scheduled time',
      'date and time',
      'date time',
      'время',
      'местное время',
      'дата и время',
      'дата время',
      'время местное',
      'уақыты',
      'уақыт',
      'жергілікті уақыт',
      'күні мен уақыты',
    ],
  },
  {
    key: 'date',
    label: 'Date',
    labels: { kk: 'Күні', ru: 'Дата' },
    synonyms: ['date', 'day', 'дата', 'день', 'күні', 'күн'],
  },
  {
    key: 'scenarioTime',
    label: 'Scenario time',
    labels: { kk: 'Сценарий бойынша уақыт', ru: 'Время по сценарию' },
    synonyms: [
      'scenario time',
      'story time',
      'время по сценарию',
      'сценарное время',
      'время сценария',
      'сценарий бойынша уақыт',
      'сценарий уақыты',
    ],
  },
  {
    key: 'from',
    label: 'From',
    labels: { kk: 'Кімнен', ru: 'От кого' },
    synonyms: ['from', 'sender', 'от кого', 'от', 'отправитель', 'кімнен', 'жіберуші'],
  },
  {
    key: 'to',
    label: 'To (teams)',
    labels: { kk: 'Кімге', ru: 'Кому' },
    synonyms: [
      'to teams',
      'to',
      'teams',
      'team',
      'recipient',
      'кому',
      'команды',
      'получатель',
      'адресат',
      'кімге',
      'алушы',

      'to team',
      'команде',
      'топқа',
      'командаға',
      'топ',
    ],
  },
  {
    key: 'toText',
    label: 'To (person or role)',
    labels: { kk: 'Кімге (тұлға немесе лауазым)', ru: 'Кому (лицо или должность)' },
    synonyms: [
      'to person or role',
      'to person',
      'to role',
      'addressee',
      'кому лицо',
      'кому должностное лицо',
      'должностное лицо',
      'кімге лауазымды тұлға',

      'кому лицо или должность',
      'кому лицо или роль',
      'кімге тұлға немесе лауазым',
      'кімге тұлға немесе рөл',
      'лауазымды тұлға',
    ],
  },
  {
    key: 'method',
    label: 'Method',
    labels: { kk: 'Жеткізу тәсілі', ru: 'Способ доведения' },
    synonyms: [
      'method',
      'delivery',
      'delivery method',
      'способ',
      'способ доведения',
      'способ передачи',
      'канал',
      'жеткізу тәсілі',
      'тәсілі',
      'тәсіл',
    ],
  },
  {
    key: 'title',
    label: 'Title',
    labels: { kk: 'Тақырыбы', ru: 'Заголовок' },
    synonyms: [
      'title',
      'subject',
      'heading',
      'заголовок',
      'наименование',
      'тема',
      'название',
      'тақырып',
      'атауы',

      'тақырыбы',
    ],
  },
  {
    key: 'content',
    label: 'Content',
    labels: { kk: 'Мазмұны', ru: 'Содержание' },
    synonyms: [
      'content',
      'description',
      'inject',
      'inject text',
      'text',
      'содержание',
      'содержание вводной',
      'вводная',
      'текст',
      'текст вводной',
      'мазмұны',
      'мазмұн',
      'кіріспе мазмұны',
    ],
  },
  {
    key: 'expectedAction',
    label: 'Expected action',
    labels: { kk: 'Күтілетін әрекеттер', ru: 'Ожидаемые действия' },
    synonyms: [
      'expected action',
      'expected actions',
      'expected player action',
      'ожидаемые действия',
      'ожидаемое действие',
      'ожидаемые действия игроков',
      'күтілетін әрекеттер',
      'күтілетін әрекет',
      'күтілетін іс әрекеттер',

      'жаттығушылардың күтілетін әрекеті',
      'күтілетін әрекеті',
      'ожидаемые действия обучаемых',
    ],
  },
  {
    key: 'objectives',
    label: 'Objectives',
    labels: { kk: 'Мақсаттар', ru: 'Цели' },
    synonyms: ['objectives', 'objective', 'цели', 'цель', 'задачи учения', 'мақсаттар', 'мақсат'],
  },
  {
    key: 'criticalTasks',
    label: 'Critical tasks',
    labels: { kk: 'Шешуші міндеттер', ru: 'Критические задачи' },
    synonyms: [
      'critical tasks',
      'critical task',
      'критические задачи',
      'ключевые задачи',
      'маңызды міндеттер',
      'негізгі міндеттер',

      'шешуші міндеттер',
      'шешуші міндет',
    ],
  },
  {
    key: 'controller',
    label: 'Responsible controller',
    labels: { kk: 'Жауапты бақылаушы', ru: 'Ответственный контролёр' },
    synonyms: [
      'responsible controller',
      'controller',
      'responsible',
      'ответственный',
      'ответственный посредник',
      'посредник',
      'жауапты',
      'жауапты делдал',

      'ответственный контролер',
      'контролер',
      'ответственное лицо',
      'бақылаушы',
      'жауапты бақылаушы',
      'делдал',
    ],
  },
  {
    key: 'contingency',
    label: 'Contingency',
    labels: { kk: 'Резервтік кіріспе', ru: 'Резервная вводная' },
    synonyms: [
      'contingency',
      'contingency inject',
      'резервная',
      'запасная',
      'резервная вводная',
      'резервтік',

      'запасной вариант',
      'запасная вводная',
      'қосалқы нұсқа',
      'қосалқы',
      'резервтік кіріспе',
      'contingency inject',
    ],
  },
  {
    key: 'notes',
    label: 'Controller notes',
    labels: { kk: 'Бақылаушыларға ескертпе', ru: 'Заметки для контролёров' },
    synonyms: [
      'controller notes',
      'notes',
      'note',
      'примечание',
      'примечания',
      'заметки для посредников',
      'заметки',
      'ескертпе',
      'ескертпелер',

      'notes for controllers',
      'заметки для контролеров',
      'бақылаушыларға ескертпе',
    ],
  },
  // Branching (decision 0038): the question a decision point asks, its options, what the inject
  // waits for (`event <number>: <option>` or `milestone: <name>`) and how long after.
  {
    key: 'question',
    label: 'Question',
    labels: { kk: 'Жаттығушыларға сұрақ', ru: 'Вопрос обучаемым' },
    synonyms: [
      'question',
      'question to the players',
      'decision',
      'вопрос',
      'вопрос обучаемым',
      'вопрос игрокам',
      'решение',
      'сұрақ',
      'жаттығушыларға сұрақ',
      'ойыншыларға сұрақ',
      'шешім',
    ],
  },
  {
    key: 'options',
    label: 'Options',
    labels: { kk: 'Нұсқалар (әр жолға біреуден)', ru: 'Варианты (по одному в строке)' },
    synonyms: [
      'options',
      'answer options',
      'options one per line',
      'варианты',
      'варианты ответа',
      'варианты по одному в строке',
      'нұсқалар',
      'жауап нұсқалары',
      'нұсқалар әр жолға біреуден',
    ],
  },
  {
    key: 'waitsFor',
    label: 'Waits for',
    labels: { kk: 'Күтеді', ru: 'Ожидает' },
    synonyms: [
      'waits for',
      'released on',
      'sent only when',
      'ждет',
      'ожидает',
      'отправляется только когда',
      'күтеді',
      'нені күтеді',
      'тек мына жағдайда жіберіледі',
    ],
  },
  {
    key: 'delay',
    label: 'Delay (min)',
    labels: { kk: 'Кідіріс (мин)', ru: 'Задержка (мин)' },
    synonyms: [
      'delay',
      'delay min',
      'minutes after',
      'задержка',
      'задержка мин',
      'минут спустя',
      'кідіріс',
      'кідіріс мин',
      'қанша минуттан кейін',
    ],
  },
];

const PARTICIPANTS: readonly FieldSpec[] = [
  {
    key: 'name',
    label: 'Name',
    labels: { kk: 'Аты-жөні', ru: 'ФИО' },
    required: true,
    synonyms: [
      'name',
      'full name',
      'person',
      'фио',
      'ф и о',
      'имя',
      'фамилия имя отчество',
      'участник',
      'аты жөні',
      'тегі аты',
    ],
  },
  {
    key: 'role',
    label: 'Exercise role',
    labels: { kk: 'Жаттығудағы рөлі', ru: 'Роль в учении' },
    required: true,
    synonyms: ['exercise role', 'role', 'роль', 'роль в учении', 'рөлі', 'жаттығудағы рөлі'],
  },
  {
    key: 'team',
    label: 'Team',
    labels: { kk: 'Топ', ru: 'Команда' },
    synonyms: ['team', 'команда', 'группа', 'подразделение', 'топ', 'команда топ'],
  },
  {
    key: 'organisation',
    label: 'Organisation',
    labels: { kk: 'Ұйым', ru: 'Организация' },
    synonyms: [
      'organisation',
      'organization',
      'agency',
      'организация',
      'ведомство',
      'орган',
      'ұйым',
      'мекеме',
    ],
  },
  {
    key: 'contact',
    label: 'Contact',
    labels: { kk: 'Байланыс', ru: 'Контакт' },
    synonyms: ['contact', 'phone', 'email', 'контакт', 'контакты', 'телефон', 'байланыс'],
  },
];

const VENUES: readonly FieldSpec[] = [
  {
    key: 'name',
    label: 'Name',
    labels: { kk: 'Атауы', ru: 'Наименование' },
    required: true,
    synonyms: [
      'name',
      'venue',
      'place',
      'наименование',
      'название',
      'объект',
      'место',
      'атауы',
      'нысан',
      'орын',
    ],
  },
  {
    key: 'kind',
    label: 'Kind',
    labels: { kk: 'Түрі', ru: 'Вид объекта' },
    synonyms: ['kind', 'type', 'тип', 'вид', 'вид объекта', 'түрі'],
  },
  {
    key: 'address',
    label: 'Address',
    labels: { kk: 'Мекенжайы', ru: 'Адрес' },
    synonyms: ['address', 'адрес', 'мекенжай', 'мекенжайы', 'мекен жай'],
  },
  {
    key: 'lat',
    label: 'Latitude',
    labels: { kk: 'Ендік', ru: 'Широта' },
    required: true,
    synonyms: ['latitude', 'lat', 'широта', 'ендік'],
  },
  {
    key: 'lon',
    label: 'Longitude',
    labels: { kk: 'Бойлық', ru: 'Долгота' },
    required: true,
    synonyms: ['longitude', 'lon', 'lng', 'долгота', 'бойлық'],
  },
];

export const FIELDS: Readonly<Record<SheetKind, readonly FieldSpec[]>> = {
  msel: MSEL,
  participants: PARTICIPANTS,
  venues: VENUES,
};

/**
 * The fields that make a row a data row: an inject has a number and a time, a person a name and a
 * role, a venue a name and coordinates. Rows below the table with fewer than two are signatures.
 */
export const ROW_FIELDS: Readonly<Record<SheetKind, readonly string[]>> = {
  msel: ['number', 'offset', 'time'],
  participants: ['name', 'role'],
  venues: ['name', 'lat', 'lon'],
};
