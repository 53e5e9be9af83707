/**
 * The fields each kind of spreadsheet can fill, with the column names planners use for them in
 * English, Russian and Kazakh. The first label is the one exports write, so an exported file maps
 * itself back on import.
 */

import { SHEET_KINDS } from '../../contract/enums.js';
export { SHEET_KINDS };
export type SheetKind = (typeof SHEET_KINDS)[number];

export interface FieldSpec {
  key: string;
  /** Header written on export. */
  label: string;
  synonyms: readonly string[];
  required?: boolean;
}

const MSEL: readonly FieldSpec[] = [
  {
    key: 'number',
    label: 'Number',
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
    synonyms: ['kind', 'event kind', 'type', 'event type', 'тип', 'вид', 'тип события', 'түрі'],
  },
  {
    key: 'offset',
    label: 'Offset (H+)',
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
  { key: 'date', label: 'Date', synonyms: ['date', 'day', 'дата', 'день', 'күні', 'күн'] },
  {
    key: 'scenarioTime',
    label: 'Scenario time',
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
    synonyms: ['from', 'sender', 'от кого', 'от', 'отправитель', 'кімнен', 'жіберуші'],
  },
  {
    key: 'to',
    label: 'To (teams)',
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
    synonyms: ['objectives', 'objective', 'цели', 'цель', 'задачи учения', 'мақсаттар', 'мақсат'],
  },
  {
    key: 'criticalTasks',
    label: 'Critical tasks',
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
    synonyms: [
      'question',
      'question to the players',
      'decision',
      'вопрос',
      'вопрос игрокам',
      'решение',
      'сұрақ',
      'ойыншыларға сұрақ',
      'шешім',
    ],
  },
  {
    key: 'options',
    label: 'Options',
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
    required: true,
    synonyms: ['exercise role', 'role', 'роль', 'роль в учении', 'рөлі', 'жаттығудағы рөлі'],
  },
  {
    key: 'team',
    label: 'Team',
    synonyms: ['team', 'команда', 'группа', 'подразделение', 'топ', 'команда топ'],
  },
  {
    key: 'organisation',
    label: 'Organisation',
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
    synonyms: ['contact', 'phone', 'email', 'контакт', 'контакты', 'телефон', 'байланыс'],
  },
];

const VENUES: readonly FieldSpec[] = [
  {
    key: 'name',
    label: 'Name',
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
  { key: 'kind', label: 'Kind', synonyms: ['kind', 'type', 'тип', 'вид', 'вид объекта', 'түрі'] },
  { key: 'address', label: 'Address', synonyms: ['address', 'адрес', 'мекенжай', 'мекенжайы', 'мекен жай'] },
  { key: 'lat', label: 'Latitude', required: true, synonyms: ['latitude', 'lat', 'широта', 'ендік'] },
  {
    key: 'lon',
    label: 'Longitude',
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
