import type { MessageLang } from '../../core/messages/messages.js';
import type { Exercise } from '../../services/planning/exercises.service.js';
import { same } from '../cli.texts.js';

/** The fields `exercise show` prints: every one with a plain value. */
export const SHOWN_FIELDS = [
  'id',
  'programmeId',
  'name',
  'type',
  'status',
  'timeZone',
  'startex',
  'endex',
  'startexLocal',
  'endexLocal',
  'city',
  'hazard',
  'scope',
  'threat',
  'scenario',
  'sponsor',
  'pointOfContact',
  'handling',
  'leadOrganisationId',
  'mselApproval',
  'version',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Exercise)[];

interface Counts {
  reached: number;
  people: number;
  confirmed: number;
  failed: number;
  waiting: number;
}

/** What `dabyl exercise list|show|no-play|resume-play|comm-check|milestones` says, in each language. */
export interface ExerciseWords {
  list: string;
  listColumns: Record<'id' | 'name' | 'type' | 'status' | 'startexLocal' | 'timeZone', string>;
  show: string;
  fields: Record<(typeof SHOWN_FIELDS)[number], string>;
  noPlay: string;
  resumePlay: string;
  reason: string;
  noPlayOn: (name: string, at: string, reason: string) => string;
  resumed: (name: string, at: string) => string;
  commCheck: string;
  send: string;
  wait: string;
  commBar: string;
  noRound: string;
  round: (number: number, startedAt: string, c: Counts) => string;
  noWay: string;
  commColumns: Record<'player' | 'team' | 'channel' | 'address' | 'state' | 'at' | 'problem', string>;
  milestones: string;
  reach: string;
  noMilestone: string;
  milestoneColumns: Record<'milestone' | 'reached' | 'by' | 'waiting', string>;
}

export const EXERCISE_WORDS: Readonly<Record<MessageLang, ExerciseWords>> = {
  en: {
    list: 'every exercise, by STARTEX',
    listColumns: same(['id', 'name', 'type', 'status', 'startexLocal', 'timeZone']),
    show: 'one exercise with its plan: objectives, venues, teams, people',
    fields: same(SHOWN_FIELDS),
    noPlay:
      'NO PLAY: halt all of the exercise’s traffic, its clock and its player view at once (a real emergency)',
    resumePlay: 'lift NO PLAY: held deliveries go out, injects that came due follow the pause policy',
    reason: 'why (everyone in the exercise sees it; kept in the audit log)',
    noPlayOn: (name, at, reason) => `NO PLAY on for ${name} at ${at}: ${reason}`,
    resumed: (name, at) => `play resumed for ${name} at ${at}`,
    commCheck:
      'the communication check: per player, each way of reaching them and whether it arrived; --send starts a round',
    send: 'send a new round to every player’s inbox and phone-book contact first',
    wait: 'follow the round until nothing is on its way, at most this long',
    commBar: 'communication check',
    noRound: 'no communication check has been sent yet (--send starts one)',
    round: (n, startedAt, c) =>
      `round ${n}, started ${startedAt}: ${c.reached} of ${c.people} players reached, ` +
      `${c.confirmed} confirmed, ${c.failed} failed, ${c.waiting} on the way`,
    noWay: '(no way to reach)',
    commColumns: same(['player', 'team', 'channel', 'address', 'state', 'at', 'problem']),
    milestones:
      'the milestones injects wait for, and those reached; --reach marks one and releases what waits',
    reach: 'mark this milestone reached (a second time changes nothing)',
    noMilestone: 'no milestone is named in the plan or reached yet',
    milestoneColumns: same(['milestone', 'reached', 'by', 'waiting']),
  },
  kk: {
    list: 'барлық оқу-жаттығу, STARTEX бойынша',
    listColumns: {
      id: 'Идентификатор',
      name: 'Атауы',
      type: 'Түрі',
      status: 'Күйі',
      startexLocal: 'STARTEX',
      timeZone: 'Белдеу',
    },
    show: 'бір оқу-жаттығу және оның жоспары: мақсаттар, нысандар, топтар, адамдар',
    fields: {
      id: 'Идентификатор',
      programmeId: 'Бағдарлама',
      name: 'Атауы',
      type: 'Түрі',
      status: 'Күйі',
      timeZone: 'Белдеу',
      startex: 'STARTEX (UTC)',
      endex: 'ENDEX (UTC)',
      startexLocal: 'STARTEX',
      endexLocal: 'ENDEX',
      city: 'Қала',
      hazard: 'Қауіп',
      scope: 'Ауқымы',
      threat: 'Қатер',
      scenario: 'Сценарий',
      sponsor: 'Демеуші',
      pointOfContact: 'Байланыс тұлғасы',
      handling: 'Қолдану тәртібі',
      leadOrganisationId: 'Жетекші ұйым',
      mselApproval: 'MSEL бекітілуі',
      version: 'Нұсқасы',
      createdAt: 'Жасалған уақыты',
      updatedAt: 'Өзгертілген уақыты',
    },
    noPlay:
      'NO PLAY: оқу-жаттығудың бүкіл хабар алмасуын, сағатын және жаттығушылар көрінісін бірден тоқтату (нақты төтенше жағдай)',
    resumePlay:
      'NO PLAY-ді алу: ұсталған жеткізілімдер жіберіледі, уақыты келген кіріспелер кідіріс ережесі бойынша жүреді',
    reason: 'себебі (оқу-жаттығудағы барлығы көреді; аудит журналында сақталады)',
    noPlayOn: (name, at, reason) => `${name}: NO PLAY ${at} уақытында қосылды: ${reason}`,
    resumed: (name, at) => `${name}: ойын ${at} уақытында жалғасты`,
    commCheck:
      'байланысты тексеру: әр жаттығушыға жетудің әр жолы және хабардың жеткені; --send жаңа айналым бастайды',
    send: 'алдымен әр жаттығушының кіріс жәшігіне және анықтамалықтағы байланысына жаңа айналым жіберу',
    wait: 'жолда ештеңе қалмағанша айналымды күту, ең көбі осынша секунд',
    commBar: 'байланысты тексеру',
    noRound: 'байланысты тексеру әлі жіберілмеген (--send бастайды)',
    round: (n, startedAt, c) =>
      `${n}-айналым, басталуы ${startedAt}: ${c.people} жаттығушының ${c.reached} жеткізілді, ` +
      `${c.confirmed} растады, ${c.failed} сәтсіз, ${c.waiting} жолда`,
    noWay: '(жетудің жолы жоқ)',
    commColumns: {
      player: 'Жаттығушы',
      team: 'Топ',
      channel: 'Арна',
      address: 'Мекенжай',
      state: 'Күйі',
      at: 'Уақыты',
      problem: 'Мәселе',
    },
    milestones:
      'кіріспелер күтетін кезеңдер және жеткендері; --reach біреуін жетті деп белгілеп, күтіп тұрғанды босатады',
    reach: 'осы кезеңді жетті деп белгілеу (екінші рет ештеңе өзгертпейді)',
    noMilestone: 'жоспарда әлі бірде-бір кезең аталмаған немесе жетілмеген',
    milestoneColumns: { milestone: 'Кезең', reached: 'Жетті', by: 'Кім', waiting: 'Күтуде' },
  },
  ru: {
    list: 'все учения, по STARTEX',
    listColumns: {
      id: 'Идентификатор',
      name: 'Название',
      type: 'Вид',
      status: 'Статус',
      startexLocal: 'STARTEX',
      timeZone: 'Пояс',
    },
    show: 'одни учения с их планом: цели, объекты, команды, люди',
    fields: {
      id: 'Идентификатор',
      programmeId: 'Программа',
      name: 'Название',
      type: 'Вид',
      status: 'Статус',
      timeZone: 'Пояс',
      startex: 'STARTEX (UTC)',
      endex: 'ENDEX (UTC)',
      startexLocal: 'STARTEX',
      endexLocal: 'ENDEX',
      city: 'Город',
      hazard: 'Опасность',
      scope: 'Масштаб',
      threat: 'Угроза',
      scenario: 'Сценарий',
      sponsor: 'Заказчик',
      pointOfContact: 'Контактное лицо',
      handling: 'Порядок обращения',
      leadOrganisationId: 'Ведущая организация',
      mselApproval: 'Утверждение MSEL',
      version: 'Версия',
      createdAt: 'Создано',
      updatedAt: 'Изменено',
    },
    noPlay:
      'NO PLAY: сразу остановить весь обмен сообщениями учений, их часы и экран обучаемых (настоящая чрезвычайная ситуация)',
    resumePlay: 'снять NO PLAY: задержанные доставки уходят, наступившие вводные следуют правилу паузы',
    reason: 'причина (её видят все участники учений; хранится в журнале аудита)',
    noPlayOn: (name, at, reason) => `${name}: NO PLAY включён в ${at}: ${reason}`,
    resumed: (name, at) => `${name}: игра продолжена в ${at}`,
    commCheck:
      'проверка связи: для каждого обучаемого каждый способ связи и дошло ли сообщение; --send начинает новый раунд',
    send: 'сначала отправить новый раунд во входящие каждого обучаемого и на его контакт из справочника',
    wait: 'следить за раундом, пока ничего не останется в пути, но не дольше стольких секунд',
    commBar: 'проверка связи',
    noRound: 'проверка связи ещё не отправлялась (--send начинает её)',
    round: (n, startedAt, c) =>
      `раунд ${n}, начат ${startedAt}: доставлено ${c.reached} из ${c.people} обучаемых, ` +
      `подтвердили ${c.confirmed}, не удалось ${c.failed}, в пути ${c.waiting}`,
    noWay: '(нет способа связи)',
    commColumns: {
      player: 'Обучаемый',
      team: 'Команда',
      channel: 'Канал',
      address: 'Адрес',
      state: 'Состояние',
      at: 'Время',
      problem: 'Проблема',
    },
    milestones:
      'этапы, которых ждут вводные, и достигнутые; --reach отмечает этап достигнутым и выпускает ожидающее',
    reach: 'отметить этот этап достигнутым (повторная отметка ничего не меняет)',
    noMilestone: 'в плане ещё не назван и не достигнут ни один этап',
    milestoneColumns: { milestone: 'Этап', reached: 'Достигнут', by: 'Кем', waiting: 'Ожидают' },
  },
};
