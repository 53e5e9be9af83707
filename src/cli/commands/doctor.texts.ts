import type { MessageLang } from '../../core/messages/messages.js';

/** The names of `dabyl doctor`'s checks, as --json gives them. */
export type CheckName = 'database' | 'migrations' | 'clock' | 'time zones' | 'redis' | 'disk';

/** What `dabyl doctor` says to a person, in each language; --json keeps the English sentences. */
export interface DoctorWords {
  doctor: string;
  ok: string;
  fail: string;
  names: Record<CheckName, string>;
  answered: (engine: string, location: string, ms: number) => string;
  pending: (names: string) => string;
  upToDate: string;
  skew: (ms: number, tooMuch: boolean) => string;
  unreadableTime: (value: string) => string;
  almaty: (offset: string, right: boolean) => string;
  redisAnswered: (host: string) => string;
  redisUnset: string;
  free: (mb: number, where: string, enough: boolean) => string;
  notCreated: (folder: string, dataDir: string) => string;
  failed: (count: number) => string;
}

export const DOCTOR_WORDS: Readonly<Record<MessageLang, DoctorWords>> = {
  en: {
    doctor: 'check the database, migrations, Redis (when configured), disk space, clock and time zones',
    ok: 'ok  ',
    fail: 'FAIL',
    names: {
      database: 'database',
      migrations: 'migrations',
      clock: 'clock',
      'time zones': 'time zones',
      redis: 'redis',
      disk: 'disk',
    },
    answered: (engine, location, ms) => `${engine} at ${location} answered in ${ms} ms`,
    pending: (names) => `pending: ${names} (run: npx dabyl migrate)`,
    upToDate: 'up to date',
    skew: (ms, tooMuch) =>
      `this machine and the database differ by ${ms} ms${tooMuch ? ' — inject timing needs synchronised clocks (NTP)' : ''}`,
    unreadableTime: (value) => `cannot read the database's time "${value}"`,
    almaty: (offset, right) =>
      `Asia/Almaty in June 2024 is ${offset}${right ? '' : ' — update the time-zone data (Node.js / ICU) so Kazakhstan shows UTC+5'}`,
    redisAnswered: (host) => `${host} answered`,
    redisUnset: 'not configured: jobs run embedded in this process',
    free: (mb, where, enough) => `${mb} MB free in ${where}${enough ? '' : ' — less than 500 MB'}`,
    notCreated: (folder, dataDir) => `${folder} (${dataDir} is not created yet)`,
    failed: (count) => `${count} check(s) failed`,
  },
  kk: {
    doctor:
      'дерекқорды, көшіруді (миграцияларды), `Redis`-ті (бапталса), дискідегі орынды, сағатты және уақыт белдеулерін тексеру',
    ok: 'дұрыс',
    fail: 'ҚАТЕ ',
    names: {
      database: 'дерекқор',
      migrations: 'миграциялар',
      clock: 'сағат',
      'time zones': 'белдеулер',
      redis: 'кезек',
      disk: 'диск',
    },
    answered: (engine, location, ms) => `${location} (${engine}) ${ms} мс ішінде жауап берді`,
    pending: (names) => `орындалмаған: ${names} (іске қосыңыз: npx dabyl migrate)`,
    upToDate: 'соңғы нұсқада',
    skew: (ms, tooMuch) =>
      `осы машина мен дерекқордың сағаты ${ms} мс айырмашылықта${tooMuch ? ' — кіріспелердің уақыты үшін сағаттар үйлестірілуі керек (NTP)' : ''}`,
    unreadableTime: (value) => `дерекқордың уақытын оқу мүмкін емес: «${value}»`,
    almaty: (offset, right) =>
      `2024 жылғы маусымда Алматы белдеуі: ${offset}${right ? '' : ' — Қазақстан UTC+5 көрсетуі үшін уақыт белдеулерінің деректерін жаңартыңыз'}`,
    redisAnswered: (host) => `${host} жауап берді`,
    redisUnset: 'бапталмаған: тапсырмалар осы процестің ішінде орындалады',
    free: (mb, where, enough) => `${where} ішінде ${mb} МБ бос${enough ? '' : ' — 500 МБ-тан аз'}`,
    notCreated: (folder, dataDir) => `${folder} (${dataDir} әлі жасалмаған)`,
    failed: (count) => `${count} тексеру сәтсіз аяқталды`,
  },
  ru: {
    doctor: 'проверить базу данных, миграции, `Redis` (если настроен), место на диске, часы и часовые пояса',
    ok: 'норма',
    fail: 'СБОЙ ',
    names: {
      database: 'база данных',
      migrations: 'миграции',
      clock: 'часы',
      'time zones': 'пояса',
      redis: 'очередь',
      disk: 'диск',
    },
    answered: (engine, location, ms) => `${location} (${engine}) ответила за ${ms} мс`,
    pending: (names) => `не применены: ${names} (запустите: npx dabyl migrate)`,
    upToDate: 'актуальны',
    skew: (ms, tooMuch) =>
      `часы этой машины и базы данных расходятся на ${ms} мс${tooMuch ? ' — для времени вводных часы должны быть синхронизированы (NTP)' : ''}`,
    unreadableTime: (value) => `не удаётся прочитать время базы данных: «${value}»`,
    almaty: (offset, right) =>
      `пояс Алматы в июне 2024 года: ${offset}${right ? '' : ' — обновите данные часовых поясов, чтобы Казахстан показывал UTC+5'}`,
    redisAnswered: (host) => `${host} ответил`,
    redisUnset: 'не настроен: задания выполняются внутри этого процесса',
    free: (mb, where, enough) => `свободно ${mb} МБ в ${where}${enough ? '' : ' — меньше 500 МБ'}`,
    notCreated: (folder, dataDir) => `${folder} (${dataDir} ещё не создан)`,
    failed: (count) => `проверок не пройдено: ${count}`,
  },
};
