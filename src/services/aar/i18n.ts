import type { AarLanguage, CapabilityElement } from '../../core/aar/content.js';
import type { ClockCommand } from '../../core/conduct/clock.js';
import type { ImprovementStatus } from '../../core/improvement/improvement.js';
import type { SurveyRole } from '../../core/survey/survey.js';

/** The report's fixed text, in the exercise's language. */
export interface AarStrings {
  kind: string;
  subtitle: string;
  audience: string;
  draft: string;
  /** A version's number as the marking and subtitle print it ("v2"). */
  version: (n: number) => string;
  overview: string;
  summary: string;
  fields: {
    name: string;
    type: string;
    city: string;
    startex: string;
    endex: string;
    threat: string;
    sponsor: string;
    lead: string;
    contact: string;
    scope: string;
    scenario: string;
  };
  objectives: string;
  objective: (n: number) => string;
  target: string;
  rating: string;
  reasoning: string;
  notRated: string;
  criticalTasks: string;
  capabilities: string;
  strengths: string;
  areasForImprovement: string;
  reference: string;
  analysis: string;
  observations: string;
  none: string;
  timeline: string;
  lanes: { clock: string; inject: string; observation: string };
  /** The clock's commands as the timeline names them. */
  commands: Record<ClockCommand['kind'], string>;
  responseTimes: string;
  perTeam: string;
  perInject: string;
  /** Under the timeline's axis. */
  timeAxis: string;
  acknowledge: string;
  action: string;
  minutes: string;
  count: string;
  improvementPlan: string;
  ip: {
    capability: string;
    issue: string;
    action: string;
    element: string;
    organisation: string;
    owner: string;
    start: string;
    due: string;
    status: string;
    /** The capability elements (POETE) and the items' states, by their codes. */
    elements: Record<CapabilityElement, string>;
    statuses: Record<ImprovementStatus, string>;
  };
  participants: string;
  feedback: {
    title: string;
    basis: (responses: number, invited: number) => string;
    role: string;
    question: string;
    answers: string;
    roles: Record<SurveyRole, string>;
    average: (mean: string, n: number) => string;
    yesNo: (yes: number, no: number) => string;
  };
  organisation: string;
  extentOfPlay: string;
  teams: string;
  people: string;
  basis: (observations: number, injects: number, events: number) => string;
  ratings: Record<'P' | 'S' | 'M' | 'U', string>;
  page: [string, string];
}

const en: AarStrings = {
  kind: 'After-Action Report / Improvement Plan',
  subtitle: 'After-Action Report and Improvement Plan (AAR/IP)',
  audience: 'For the exercise’s directors, evaluators and participating organisations.',
  draft: 'Draft',
  version: (n) => `v${n}`,
  overview: 'Exercise overview',
  summary: 'Executive summary',
  fields: {
    name: 'Exercise',
    type: 'Type',
    city: 'City',
    startex: 'STARTEX',
    endex: 'ENDEX',
    threat: 'Threat or hazard',
    sponsor: 'Sponsor',
    lead: 'Lead organisation',
    contact: 'Point of contact',
    scope: 'Scope',
    scenario: 'Scenario',
  },
  objectives: 'Objectives, core capabilities and ratings',
  objective: (n) => `Objective ${n}`,
  target: 'Capability target',
  rating: 'Rating',
  reasoning: 'Reasoning',
  notRated: 'not rated',
  criticalTasks: 'Critical tasks',
  capabilities: 'Analysis of core capabilities',
  strengths: 'Strengths',
  areasForImprovement: 'Areas for improvement',
  reference: 'Reference',
  analysis: 'Analysis',
  observations: 'Observations',
  none: 'None recorded.',
  timeline: 'Exercise timeline',
  lanes: { clock: 'Clock', inject: 'Injects', observation: 'Observations' },
  commands: {
    startex: 'STARTEX',
    pause: 'Pause',
    resume: 'Resume',
    endex: 'ENDEX',
    speed: 'Speed changed',
    jump: 'Jump',
    move: 'Next move',
    'no-play': 'NO PLAY',
    'resume-play': 'Play resumed',
  },
  responseTimes: 'Response times',
  perTeam: 'Per team: fired to acknowledged, minutes',
  perInject: 'Per inject: fired to acknowledged, minutes',
  timeAxis: 'Exercise time from STARTEX (H+hours:minutes)',
  acknowledge: 'To acknowledgement, min',
  action: 'To first action, min',
  minutes: 'min',
  count: 'Count',
  improvementPlan: 'Appendix A: Improvement plan',
  ip: {
    capability: 'Core capability',
    issue: 'Issue / area for improvement',
    action: 'Corrective action',
    element: 'Capability element',
    organisation: 'Responsible organisation',
    owner: 'Owner',
    start: 'Start',
    due: 'Due',
    status: 'Status',
    elements: {
      planning: 'Planning',
      organisation: 'Organisation',
      equipment: 'Equipment',
      training: 'Training',
      exercise: 'Exercise',
    },
    statuses: { open: 'Open', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled' },
  },
  participants: 'Appendix B: Participating organisations',
  feedback: {
    title: 'Participant feedback',
    basis: (r, i) => `${r} of the ${i} participants the hot-wash survey reached answered it.`,
    role: 'Role',
    question: 'Question',
    answers: 'Answers',
    roles: {
      player: 'Players',
      controller: 'Controllers',
      evaluator: 'Evaluators',
      observer: 'Observers',
      director: 'Directors',
    },
    average: (m, n) => `average ${m} of 5 (${n} answers)`,
    yesNo: (y, n) => `yes ${y}, no ${n}`,
  },
  organisation: 'Organisation',
  extentOfPlay: 'Extent of play',
  teams: 'Teams',
  people: 'People',
  basis: (o, i, e) => `Drafted from ${o} observations, ${i} fired injects and ${e} logged events.`,
  ratings: {
    P: 'P — performed without challenges',
    S: 'S — performed with some challenges',
    M: 'M — performed with major challenges',
    U: 'U — unable to be performed',
  },
  page: ['Page', 'of'],
};

const ru: AarStrings = {
  kind: 'Отчёт по итогам учения / План улучшений',
  subtitle: 'Отчёт по итогам учения и план улучшений (AAR/IP)',
  audience: 'Для руководителей и оценщиков учения и участвующих организаций.',
  draft: 'Проект',
  version: (n) => `версия ${n}`,
  overview: 'Общие сведения об учении',
  summary: 'Краткие выводы',
  fields: {
    name: 'Учение',
    type: 'Вид',
    city: 'Город',
    startex: 'Начало (STARTEX)',
    endex: 'Окончание (ENDEX)',
    threat: 'Угроза',
    sponsor: 'Инициатор',
    lead: 'Ведущая организация',
    contact: 'Контактное лицо',
    scope: 'Масштаб',
    scenario: 'Сценарий',
  },
  objectives: 'Цели, базовые способности и оценки',
  objective: (n) => `Цель ${n}`,
  target: 'Целевой показатель',
  rating: 'Оценка',
  reasoning: 'Обоснование',
  notRated: 'не оценено',
  criticalTasks: 'Критические задачи',
  capabilities: 'Анализ базовых способностей',
  strengths: 'Сильные стороны',
  areasForImprovement: 'Области для улучшения',
  reference: 'Номер',
  analysis: 'Анализ',
  observations: 'Наблюдения',
  none: 'Не отмечено.',
  timeline: 'Хронология учения',
  lanes: { clock: 'Время', inject: 'Вводные', observation: 'Наблюдения' },
  commands: {
    startex: 'STARTEX',
    pause: 'Пауза',
    resume: 'Продолжение',
    endex: 'ENDEX',
    speed: 'Смена скорости',
    jump: 'Переход',
    move: 'Следующий ход',
    'no-play': 'NO PLAY',
    'resume-play': 'Учения возобновлены',
  },
  responseTimes: 'Время реагирования',
  perTeam: 'По командам: от вводной до подтверждения, мин',
  perInject: 'По вводным: от вводной до подтверждения, мин',
  timeAxis: 'Время учения от STARTEX (H+часы:минуты)',
  acknowledge: 'До подтверждения, мин',
  action: 'До первого действия, мин',
  minutes: 'мин',
  count: 'Количество',
  improvementPlan: 'Приложение А. План улучшений',
  ip: {
    capability: 'Базовая способность',
    issue: 'Проблема / область для улучшения',
    action: 'Корректирующее действие',
    element: 'Элемент способности',
    organisation: 'Ответственная организация',
    owner: 'Исполнитель',
    start: 'Начало',
    due: 'Срок',
    status: 'Статус',
    elements: {
      planning: 'Планирование',
      organisation: 'Организация',
      equipment: 'Оснащение',
      training: 'Подготовка',
      exercise: 'Учения',
    },
    statuses: { open: 'Открыто', in_progress: 'В работе', completed: 'Выполнено', cancelled: 'Отменено' },
  },
  participants: 'Приложение Б. Участвующие организации',
  feedback: {
    title: 'Отзывы участников',
    basis: (r, i) => `На анкету разбора ответили ${r} из ${i} участников, которым она была отправлена.`,
    role: 'Роль',
    question: 'Вопрос',
    answers: 'Ответы',
    roles: {
      player: 'Обучаемые',
      controller: 'Контролёры',
      evaluator: 'Оценщики',
      observer: 'Наблюдатели',
      director: 'Руководители учений',
    },
    average: (m, n) => `в среднем ${m} из 5 (ответов: ${n})`,
    yesNo: (y, n) => `да ${y}, нет ${n}`,
  },
  organisation: 'Организация',
  extentOfPlay: 'Степень участия',
  teams: 'Команды',
  people: 'Человек',
  basis: (o, i, e) => `Составлен по ${o} наблюдениям, ${i} выданным вводным и ${e} событиям журнала.`,
  ratings: {
    P: 'P — выполнено без затруднений',
    S: 'S — выполнено с некоторыми затруднениями',
    M: 'M — выполнено со значительными затруднениями',
    U: 'U — не выполнено',
  },
  page: ['Страница', 'из'],
};

const kk: AarStrings = {
  kind: 'Оқу-жаттығу қорытындысы туралы есеп / Жетілдіру жоспары',
  subtitle: 'Оқу-жаттығу қорытындысы туралы есеп және жетілдіру жоспары (AAR/IP)',
  audience: 'Оқу-жаттығу басшылары мен бағалаушыларына және қатысушы ұйымдарға арналған.',
  draft: 'Жоба',
  version: (n) => `${n}-нұсқа`,
  overview: 'Оқу-жаттығу туралы жалпы мәліметтер',
  summary: 'Қысқаша қорытынды',
  fields: {
    name: 'Оқу-жаттығу',
    type: 'Түрі',
    city: 'Қала',
    startex: 'Басталуы (STARTEX)',
    endex: 'Аяқталуы (ENDEX)',
    threat: 'Қауіп',
    sponsor: 'Бастамашы',
    lead: 'Жетекші ұйым',
    contact: 'Байланыс тұлғасы',
    scope: 'Ауқымы',
    scenario: 'Сценарий',
  },
  objectives: 'Мақсаттар, негізгі қабілеттер және бағалар',
  objective: (n) => `${n}-мақсат`,
  target: 'Мақсатты көрсеткіш',
  rating: 'Баға',
  reasoning: 'Негіздеме',
  notRated: 'бағаланбаған',
  criticalTasks: 'Шешуші міндеттер',
  capabilities: 'Негізгі қабілеттерді талдау',
  strengths: 'Күшті жақтары',
  areasForImprovement: 'Жетілдіру қажет салалар',
  reference: 'Нөмірі',
  analysis: 'Талдау',
  observations: 'Байқаулар',
  none: 'Белгіленбеген.',
  timeline: 'Оқу-жаттығу хронологиясы',
  lanes: { clock: 'Уақыт', inject: 'Кіріспелер', observation: 'Байқаулар' },
  commands: {
    startex: 'STARTEX',
    pause: 'Үзіліс',
    resume: 'Жалғастыру',
    endex: 'ENDEX',
    speed: 'Жылдамдық өзгерді',
    jump: 'Өту',
    move: 'Келесі жүріс',
    'no-play': 'NO PLAY',
    'resume-play': 'Оқу-жаттығу қайта басталды',
  },
  responseTimes: 'Әрекет ету уақыты',
  perTeam: 'Топтар бойынша: кіріспеден растауға дейін, мин',
  perInject: 'Кіріспелер бойынша: кіріспеден растауға дейін, мин',
  timeAxis: 'STARTEX-тен бастап оқу-жаттығу уақыты (H+сағат:минут)',
  acknowledge: 'Растауға дейін, мин',
  action: 'Алғашқы әрекетке дейін, мин',
  minutes: 'мин',
  count: 'Саны',
  improvementPlan: 'А қосымшасы. Жетілдіру жоспары',
  ip: {
    capability: 'Негізгі қабілет',
    issue: 'Мәселе / жетілдіру саласы',
    action: 'Түзету әрекеті',
    element: 'Қабілет элементі',
    organisation: 'Жауапты ұйым',
    owner: 'Орындаушы',
    start: 'Басталуы',
    due: 'Мерзімі',
    status: 'Күйі',
    elements: {
      planning: 'Жоспарлау',
      organisation: 'Ұйымдастыру',
      equipment: 'Жабдық',
      training: 'Даярлық',
      exercise: 'Оқу-жаттығу',
    },
    statuses: { open: 'Ашық', in_progress: 'Орындалуда', completed: 'Орындалды', cancelled: 'Күші жойылды' },
  },
  participants: 'Б қосымшасы. Қатысушы ұйымдар',
  feedback: {
    title: 'Қатысушылардың пікірлері',
    basis: (r, i) => `Талдау сауалнамасына ол жіберілген ${i} қатысушының ${r}-і жауап берді.`,
    role: 'Рөлі',
    question: 'Сұрақ',
    answers: 'Жауаптар',
    roles: {
      player: 'Жаттығушылар',
      controller: 'Бақылаушылар',
      evaluator: 'Бағалаушылар',
      observer: 'Байқаушылар',
      director: 'Оқу-жаттығу басшылары',
    },
    average: (m, n) => `орташа ${m} / 5 (${n} жауап)`,
    yesNo: (y, n) => `иә ${y}, жоқ ${n}`,
  },
  organisation: 'Ұйым',
  extentOfPlay: 'Қатысу дәрежесі',
  teams: 'Топтар',
  people: 'Адам',
  basis: (o, i, e) => `${o} байқау, ${i} берілген кіріспе және журналдағы ${e} оқиға бойынша жасалды.`,
  ratings: {
    P: 'P — қиындықсыз орындалды',
    S: 'S — кейбір қиындықтармен орындалды',
    M: 'M — елеулі қиындықтармен орындалды',
    U: 'U — орындалмады',
  },
  page: ['Бет', '/'],
};

const STRINGS: Record<AarLanguage, AarStrings> = { en, ru, kk };
export const aarStrings = (lang: AarLanguage): AarStrings => STRINGS[lang];
