import type { MessageLang } from '../../core/messages/messages.js';

/** What `dabyl serve` says to a person, in each language. */
export interface ServeWords {
  serve: string;
  role: string;
  badRole: (role: string) => string;
  scaledOut: string;
  firstAdmin: (username: string, password: string) => string;
  listening: (url: string) => string;
  stopping: (signal: string) => string;
}

export const SERVE_WORDS: Readonly<Record<MessageLang, ServeWords>> = {
  en: {
    serve:
      'run Dabyl: API, console, public site and jobs in one process (SQLite unless DABYL_DATABASE_URL is set)',
    role: 'all, api or worker (api and worker need DABYL_DATABASE_URL and DABYL_REDIS_URL)',
    badRole: (role) => `--role must be all, api or worker, not "${role}"`,
    scaledOut:
      '--role api|worker runs Dabyl scaled out: set DABYL_DATABASE_URL (PostgreSQL) and DABYL_REDIS_URL',
    firstAdmin: (username, password) =>
      `  First start: an administrator was created. This is shown ONCE.\n` +
      `  username: ${username}\n  password: ${password}\n` +
      `  Change it after signing in:  npx dabyl user passwd ${username}`,
    listening: (url) => `Dabyl is listening on ${url}  (console: ${url}/console/, API docs: ${url}/api/docs)`,
    stopping: (signal) => `${signal}: stopping`,
  },
  kk: {
    serve:
      'Дабыл жүйесін іске қосу: API, консоль, қоғамдық сайт және тапсырмалар бір процесте (DABYL_DATABASE_URL берілмесе, `SQLite`)',
    role: '`all`, `api` немесе `worker` (`api` мен `worker` үшін DABYL_DATABASE_URL және DABYL_REDIS_URL керек)',
    badRole: (role) => `--role: \`all\`, \`api\` немесе \`worker\` болуы керек, «${role}» емес`,
    scaledOut:
      '--role api|worker Дабыл жүйесін бірнеше процеске бөліп іске қосады: DABYL_DATABASE_URL (`PostgreSQL`) және DABYL_REDIS_URL орнатыңыз',
    firstAdmin: (username, password) =>
      `  Алғашқы іске қосу: әкімші жасалды. Бұл тек БІР РЕТ көрсетіледі.\n` +
      `  логин: ${username}\n  құпиясөз: ${password}\n` +
      `  Кіргеннен кейін оны өзгертіңіз:  npx dabyl user passwd ${username}`,
    listening: (url) =>
      `Дабыл ${url} мекенжайында тыңдап тұр  (консоль: ${url}/console/, API құжаттамасы: ${url}/api/docs)`,
    stopping: (signal) => `${signal}: тоқтатылуда`,
  },
  ru: {
    serve:
      'запустить Дабыл: API, консоль, публичный сайт и задания в одном процессе (`SQLite`, если не задан DABYL_DATABASE_URL)',
    role: '`all`, `api` или `worker` (для `api` и `worker` нужны DABYL_DATABASE_URL и DABYL_REDIS_URL)',
    badRole: (role) => `--role: должно быть \`all\`, \`api\` или \`worker\`, а не «${role}»`,
    scaledOut:
      '--role api|worker запускает Дабыл в нескольких процессах: задайте DABYL_DATABASE_URL (`PostgreSQL`) и DABYL_REDIS_URL',
    firstAdmin: (username, password) =>
      `  Первый запуск: создан администратор. Это показывается ОДИН РАЗ.\n` +
      `  логин: ${username}\n  пароль: ${password}\n` +
      `  Смените его после входа:  npx dabyl user passwd ${username}`,
    listening: (url) => `Дабыл слушает ${url}  (консоль: ${url}/console/, документация API: ${url}/api/docs)`,
    stopping: (signal) => `${signal}: остановка`,
  },
};
