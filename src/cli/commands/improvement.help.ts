import { IMPROVEMENT_STATUSES } from '../../core/improvement/improvement.js';
import type { MessageLang } from '../../core/messages/messages.js';

/** What `dabyl improvement --help` says of each command and option, in each console language. */
export interface ImprovementHelp {
  group: string;
  list: string;
  status: string;
  organisation: string;
  capability: string;
  exercise: string;
  overdue: string;
  lang: string;
  add: string;
  addExercise: string;
  element: string;
  issue: string;
  action: string;
  ownerUser: string;
  owner: string;
  contact: string;
  start: string;
  due: string;
  observation: string;
  testInOption: string;
  setStatus: string;
  testIn: string;
}

const STATUSES = `\`${IMPROVEMENT_STATUSES.join('|')}\``;
const ELEMENTS = '`planning|organisation|equipment|training|exercise`';
const LANGS = '`kk|ru|en`';

export const IMPROVEMENT_HELP: Readonly<Record<MessageLang, ImprovementHelp>> = {
  en: {
    group: 'the improvement plan: corrective actions',
    list: 'every item, by due day, with its exercise, capability, organisation, owner and status',
    status: IMPROVEMENT_STATUSES.join('|'),
    organisation: 'responsible organisation',
    capability: 'core capability',
    exercise: 'the exercise that raised it',
    overdue: 'only items still to be done whose due day is past',
    lang: 'kk|ru|en: the language of the table (default: DABYL_LANG or the locale, else en)',
    add: 'raise a corrective action in an exercise',
    addExercise: 'the exercise whose evaluation found it',
    element: 'planning|organisation|equipment|training|exercise',
    issue: 'the area for improvement',
    action: 'the corrective action',
    ownerUser: 'the owner, a user',
    owner: 'the owner, by name (or the user’s name in the item)',
    contact: 'the responsible organisation’s contact, reminded with the owner',
    start: 'start, 2026-12-01',
    due: 'due, 2027-02-01',
    observation: 'the observation that raised it',
    testInOption: 'a later exercise to test it in',
    setStatus: `move an item to ${IMPROVEMENT_STATUSES.join('|')}; audited`,
    testIn: 'propose the item as an objective of a later exercise ("none" clears it)',
  },
  kk: {
    group: 'жетілдіру жоспары: түзету әрекеттері',
    list: 'барлық тармақ, мерзімі бойынша: оқу-жаттығуы, қабілеті, ұйымы, жауапты адамы және күйі',
    status: STATUSES,
    organisation: 'жауапты ұйым',
    capability: 'негізгі қабілет',
    exercise: 'тармақты тудырған оқу-жаттығу',
    overdue: 'мерзімі өтіп кеткен, әлі орындалмаған тармақтар ғана',
    lang: `${LANGS}: кестенің тілі (әдепкісі: DABYL_LANG не жүйе тілі, әйтпесе ағылшын)`,
    add: 'оқу-жаттығуда түзету әрекетін тіркеу',
    addExercise: 'бағалауы мұны анықтаған оқу-жаттығу',
    element: ELEMENTS,
    issue: 'жетілдіру саласы',
    action: 'түзету әрекеті',
    ownerUser: 'жауапты адам, пайдаланушы ретінде',
    owner: 'жауапты адамның аты (не тармақтағы пайдаланушының аты)',
    contact: 'жауапты ұйымның байланыс адамы: оған да жауапты адаммен бірге еске салынады',
    start: 'басталуы, 2026-12-01',
    due: 'мерзімі, 2027-02-01',
    observation: 'тармақты тудырған байқау',
    testInOption: 'тармақ тексерілетін кейінгі оқу-жаттығу',
    setStatus: `тармақты басқа күйге ауыстыру (${STATUSES}); аудит журналына жазылады`,
    testIn: 'тармақты кейінгі оқу-жаттығудың мақсаты ретінде ұсыну (`none` ұсынысты алып тастайды)',
  },
  ru: {
    group: 'план улучшений: корректирующие действия',
    list: 'все пункты по сроку: учение, способность, организация, ответственный и состояние',
    status: STATUSES,
    organisation: 'ответственная организация',
    capability: 'базовая способность',
    exercise: 'учение, на котором выявлен пункт',
    overdue: 'только невыполненные пункты с истёкшим сроком',
    lang: `${LANGS}: язык таблицы (по умолчанию DABYL_LANG или язык системы, иначе английский)`,
    add: 'завести корректирующее действие по учению',
    addExercise: 'учение, оценка которого это выявила',
    element: ELEMENTS,
    issue: 'область для улучшения',
    action: 'корректирующее действие',
    ownerUser: 'ответственный, пользователь',
    owner: 'ответственный по имени (или имя пользователя в пункте)',
    contact: 'контакт ответственной организации: ему напоминают вместе с ответственным',
    start: 'начало, 2026-12-01',
    due: 'срок, 2027-02-01',
    observation: 'наблюдение, из которого возник пункт',
    testInOption: 'последующее учение, на котором его проверить',
    setStatus: `перевести пункт в другое состояние (${STATUSES}); записывается в журнал аудита`,
    testIn: 'предложить пункт целью последующего учения (`none` снимает предложение)',
  },
};
