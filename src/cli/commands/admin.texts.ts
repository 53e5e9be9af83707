import type { MessageLang } from '../../core/messages/messages.js';
import type { DemoResult } from '../../services/demo.service.js';

/** What `dabyl migrate`, `demo load` and `audit verify|list` say to a person, in each language. */
export interface AdminWords {
  migrate: string;
  applied: (names: string) => string;
  upToDate: (location: string) => string;
  demo: string;
  demoLoad: string;
  asOf: string;
  demoBar: string;
  added: (r: DemoResult) => string;
  notADate: (text: string) => string;
  audit: string;
  verify: string;
  anchor: string;
  badAnchor: string;
  verifying: string;
  intact: (entries: number) => string;
  head: (head: string) => string;
  broken: (seq: number, problem: string, entries: number) => string;
  list: string;
  limit: string;
  columns: Record<'seq' | 'at' | 'actorName' | 'action' | 'sentence' | 'subjectType' | 'detail', string>;
}

export const ADMIN_WORDS: Readonly<Record<MessageLang, AdminWords>> = {
  en: {
    migrate: 'bring the database schema up to date',
    applied: (names) => `applied: ${names}`,
    upToDate: (location) => `${location} is up to date`,
    demo: 'the demo data set of the seed scenario',
    demoLoad: 'load the demo data set (safe to run again: adds only what is missing)',
    asOf: 'place the series after this day (YYYY-MM-DD) instead of today',
    demoBar: 'demo data',
    added: (r) =>
      `added ${r.organisations} organisations, ${r.units} units, ${r.users} users, ` +
      `${r.exercises} exercises, ${r.mselEvents} MSEL events; ` +
      `the series starts ${r.firstDrill ?? 'nowhere'}`,
    notADate: (text) => `--as-of: "${text}" is not a date like 2026-10-14`,
    audit: 'the tamper-evident audit log',
    verify: 'check the hash chain; exits 1 naming the first entry edited, deleted or reordered',
    anchor: 'a head printed by an earlier run and kept elsewhere: also detects entries cut off the end',
    badAnchor: '--anchor: expected SEQ:HASH (64 hex digits), as printed under "head"',
    verifying: 'verifying',
    intact: (entries) => `audit log intact: ${entries} entries`,
    head: (head) => `head: ${head} (keep it elsewhere; pass it as --anchor later)`,
    broken: (seq, problem, entries) =>
      `audit log broken at entry ${seq}: ${problem} (${entries} entries before it are intact)`,
    list: 'the newest audit entries',
    limit: 'how many',
    columns: {
      seq: 'seq',
      at: 'at',
      actorName: 'actorName',
      action: 'action',
      sentence: 'sentence',
      subjectType: 'subjectType',
      detail: 'detail',
    },
  },
  kk: {
    migrate: 'дерекқор схемасын соңғы нұсқаға келтіру',
    applied: (names) => `қолданылды: ${names}`,
    upToDate: (location) => `${location} соңғы нұсқада`,
    demo: 'бастапқы сценарийдің демо деректері',
    demoLoad: 'демо деректерін жүктеу (қайта іске қосуға болады: тек жетіспейтіні қосылады)',
    asOf: 'сериясын бүгіннен емес, осы күннен (YYYY-MM-DD) кейін орналастыру',
    demoBar: 'демо деректері',
    added: (r) =>
      `қосылды: ${r.organisations} ұйым, ${r.units} бөлімше, ${r.users} пайдаланушы, ` +
      `${r.exercises} оқу-жаттығу, MSEL-дің ${r.mselEvents} оқиғасы; ` +
      `серия ${r.firstDrill ?? 'еш күні емес'} басталады`,
    notADate: (text) => `--as-of: «${text}» 2026-10-14 сияқты күн емес`,
    audit: 'өзгертуден қорғалған аудит журналы',
    verify:
      'хэш тізбегін тексеру; өзгертілген, жойылған немесе орны ауысқан бірінші жазбаны атап, 1 кодымен шығады',
    anchor:
      'бұрынғы іске қосу басып шығарған және басқа жерде сақталған соңғы жазба: соңынан кесілген жазбаларды да анықтайды',
    badAnchor: '--anchor: SEQ:HASH (64 он алтылық цифр) күтілді, «соңғы жазба» астында басылғандай',
    verifying: 'тексеру',
    intact: (entries) => `аудит журналы бүтін: ${entries} жазба`,
    head: (head) => `соңғы жазба: ${head} (оны басқа жерде сақтаңыз; кейін --anchor ретінде беріңіз)`,
    broken: (seq, problem, entries) =>
      `аудит журналы ${seq}-жазбада бұзылған: ${problem} (оның алдындағы ${entries} жазба бүтін)`,
    list: 'аудит журналының ең жаңа жазбалары',
    limit: 'қанша жазба',
    columns: {
      seq: 'Нөмірі',
      at: 'Уақыты',
      actorName: 'Кім',
      action: 'Әрекет',
      sentence: 'Сипаттама',
      subjectType: 'Жазба түрі',
      detail: 'Толығырақ',
    },
  },
  ru: {
    migrate: 'обновить схему базы данных до последней версии',
    applied: (names) => `применено: ${names}`,
    upToDate: (location) => `${location}: схема актуальна`,
    demo: 'демонстрационные данные исходного сценария',
    demoLoad: 'загрузить демонстрационные данные (можно запускать повторно: добавляется только недостающее)',
    asOf: 'разместить серию после этого дня (YYYY-MM-DD), а не после сегодняшнего',
    demoBar: 'демонстрационные данные',
    added: (r) =>
      `добавлено: организаций — ${r.organisations}, подразделений — ${r.units}, пользователей — ${r.users}, ` +
      `учений — ${r.exercises}, событий MSEL — ${r.mselEvents}; ` +
      `серия начинается ${r.firstDrill ?? 'нигде'}`,
    notADate: (text) => `--as-of: «${text}» — не дата вида 2026-10-14`,
    audit: 'журнал аудита, защищённый от подделки',
    verify:
      'проверить цепочку хэшей; завершается с кодом 1 и называет первую изменённую, удалённую или переставленную запись',
    anchor:
      'последняя запись, выведенная прежним запуском и сохранённая отдельно: находит и записи, отрезанные с конца',
    badAnchor:
      '--anchor: ожидается SEQ:HASH (64 шестнадцатеричные цифры), как выведено после «последняя запись»',
    verifying: 'проверка',
    intact: (entries) => `журнал аудита цел: записей — ${entries}`,
    head: (head) => `последняя запись: ${head} (сохраните её отдельно и передайте потом как --anchor)`,
    broken: (seq, problem, entries) =>
      `журнал аудита нарушен на записи ${seq}: ${problem} (записи до неё целы, их ${entries})`,
    list: 'последние записи журнала аудита',
    limit: 'сколько записей',
    columns: {
      seq: 'Номер',
      at: 'Время',
      actorName: 'Кто',
      action: 'Действие',
      sentence: 'Описание',
      subjectType: 'Тип записи',
      detail: 'Подробности',
    },
  },
};
