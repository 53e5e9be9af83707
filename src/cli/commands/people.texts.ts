import { ORGANISATION_KINDS } from '../../contract/enums.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { same } from '../cli.texts.js';

const USER_COLUMNS = ['username', 'displayName', 'roles', 'state', 'locale'] as const;
const ORG_COLUMNS = ['shortName', 'name', 'kind', 'units', 'id'] as const;
const TOKEN_COLUMNS = ['id', 'name', 'scopes', 'expiresAt', 'revokedAt', 'lastUsedAt'] as const;
export { USER_COLUMNS, ORG_COLUMNS, TOKEN_COLUMNS };

/** What `dabyl user|org|token …` says to a person, in each language. */
export interface PeopleWords {
  noUser: (username: string) => string;
  noOrganisation: (name: string) => string;
  user: string;
  add: string;
  name: string;
  email: string;
  role: string;
  org: string;
  locale: string;
  passwordStdin: string;
  created: (username: string, password: string | null) => string;
  list: string;
  userColumns: Record<(typeof USER_COLUMNS)[number], string>;
  disabledState: string;
  activeState: string;
  disable: string;
  enable: string;
  disabled: (username: string) => string;
  enabled: (username: string) => string;
  passwd: string;
  newPassword: (username: string, password: string) => string;
  passwordChanged: (username: string) => string;
  sessionsEnded: (tokens: number) => string;
  grant: string;
  grantOrg: string;
  granted: (username: string, role: string, org: string | undefined) => string;
  orgGroup: string;
  orgAdd: string;
  orgKind: string;
  orgShort: string;
  orgAdded: (name: string, id: string) => string;
  orgList: string;
  orgColumns: Record<(typeof ORG_COLUMNS)[number], string>;
  token: string;
  tokenCreate: string;
  tokenName: string;
  tokenScope: string;
  tokenDays: string;
  tokenCreated: (id: string, username: string, expiresAt: string, token: string) => string;
  tokenList: string;
  tokenColumns: Record<(typeof TOKEN_COLUMNS)[number], string>;
  tokenRevoke: string;
  tokenRevoked: (id: string) => string;
}

/** The organisation kinds as they are typed, the last after `or`: in code quotes outside English. */
const kinds = (or: string, quote: (k: string) => string) =>
  `${ORGANISATION_KINDS.slice(0, -1).map(quote).join(', ')} ${or} ${quote(ORGANISATION_KINDS.at(-1)!)}`;
const code = (k: string) => `\`${k}\``;

export const PEOPLE_WORDS: Readonly<Record<MessageLang, PeopleWords>> = {
  en: {
    noUser: (username) => `no user "${username}"`,
    noOrganisation: (name) => `no organisation "${name}" (see: dabyl org list)`,
    user: 'people who sign in to Dabyl',
    add: 'create a user; prints a random password unless --password-stdin',
    name: 'the name people see',
    email: 'e-mail address',
    role: 'a role to grant (repeat for more)',
    org: 'grant the roles in this organisation only (name, short name or id)',
    locale: 'console language',
    passwordStdin: 'read the password from standard input',
    created: (username, password) =>
      `created ${username}${password ? `; password (shown once): ${password}` : ''}`,
    list: 'list users with their roles',
    userColumns: same(USER_COLUMNS),
    disabledState: 'disabled',
    activeState: 'active',
    disable: 'stop a user signing in and end their sessions',
    enable: 'let a disabled user sign in again',
    disabled: (username) => `${username} disabled`,
    enabled: (username) => `${username} enabled`,
    passwd:
      "set a user's password (random and printed once unless --password-stdin); ends their sessions and revokes their API tokens",
    newPassword: (username, password) => `new password for ${username} (shown once): ${password}`,
    passwordChanged: (username) => `password of ${username} changed`,
    sessionsEnded: (tokens) => `their sessions ended and ${tokens} API token(s) revoked`,
    grant: 'grant a role, everywhere or in one organisation',
    grantOrg: 'only in this organisation',
    granted: (username, role, org) => `${username} is now ${role}${org ? ` in ${org}` : ''}`,
    orgGroup: 'agencies (organisations) and their units',
    orgAdd: 'add an organisation',
    orgKind: kinds('or', (k) => k),
    orgShort: 'short name',
    orgAdded: (name, id) => `added ${name} (${id})`,
    orgList: 'list organisations',
    orgColumns: same(ORG_COLUMNS),
    token: 'API tokens for scripts and other systems',
    tokenCreate: 'create an API token for a user; the token is printed once',
    tokenName: 'what the token is for',
    tokenScope: 'a permission the token may use (repeat for more)',
    tokenDays: 'days until it expires',
    tokenCreated: (id, username, expiresAt, token) =>
      `token ${id} for ${username}, expires ${expiresAt}. Shown once:\n${token}`,
    tokenList: "a user's API tokens",
    tokenColumns: same(TOKEN_COLUMNS),
    tokenRevoke: 'revoke an API token at once',
    tokenRevoked: (id) => `token ${id} revoked`,
  },
  kk: {
    noUser: (username) => `«${username}» деген пайдаланушы жоқ`,
    noOrganisation: (name) => `«${name}» ұйымы жоқ (қараңыз: dabyl org list)`,
    user: 'Дабыл жүйесіне кіретін адамдар',
    add: 'пайдаланушы жасау; --password-stdin берілмесе, кездейсоқ құпиясөзді басып шығарады',
    name: 'адамдар көретін аты',
    email: 'электрондық пошта мекенжайы',
    role: 'берілетін рөл (бірнешеуі үшін қайталаңыз)',
    org: 'рөлдерді тек осы ұйымда беру (атауы, қысқа атауы немесе идентификаторы)',
    locale: 'консоль тілі',
    passwordStdin: 'құпиясөзді стандартты енгізуден оқу',
    created: (username, password) =>
      `${username} жасалды${password ? `; құпиясөз (бір рет көрсетіледі): ${password}` : ''}`,
    list: 'пайдаланушылар мен олардың рөлдерінің тізімі',
    userColumns: {
      username: 'Логин',
      displayName: 'Аты',
      roles: 'Рөлдер',
      state: 'Күйі',
      locale: 'Тілі',
    },
    disabledState: 'бұғатталған',
    activeState: 'белсенді',
    disable: 'пайдаланушының кіруін тоқтатып, сеанстарын аяқтау',
    enable: 'бұғатталған пайдаланушыға қайта кіруге рұқсат беру',
    disabled: (username) => `${username} бұғатталды`,
    enabled: (username) => `${username} қайта қосылды`,
    passwd:
      'пайдаланушының құпиясөзін орнату (--password-stdin берілмесе, кездейсоқ және бір рет көрсетіледі); сеанстарын аяқтап, API токендерін кері қайтарады',
    newPassword: (username, password) => `${username} үшін жаңа құпиясөз (бір рет көрсетіледі): ${password}`,
    passwordChanged: (username) => `${username} құпиясөзі өзгертілді`,
    sessionsEnded: (tokens) => `сеанстары аяқталды, ${tokens} API токені кері қайтарылды`,
    grant: 'рөл беру: барлық жерде немесе бір ұйымда',
    grantOrg: 'тек осы ұйымда',
    granted: (username, role, org) => `${username} енді ${org ? `${org} ұйымында ` : ''}${role} рөлінде`,
    orgGroup: 'ведомстволар (ұйымдар) және олардың бөлімшелері',
    orgAdd: 'ұйым қосу',
    orgKind: kinds('немесе', code),
    orgShort: 'қысқа атауы',
    orgAdded: (name, id) => `${name} қосылды (${id})`,
    orgList: 'ұйымдар тізімі',
    orgColumns: {
      shortName: 'Қысқа атауы',
      name: 'Атауы',
      kind: 'Түрі',
      units: 'Бөлімшелер',
      id: 'Идентификатор',
    },
    token: 'скриптер мен басқа жүйелерге арналған API токендері',
    tokenCreate: 'пайдаланушыға API токенін жасау; токен бір рет басып шығарылады',
    tokenName: 'токен не үшін',
    tokenScope: 'токен пайдалана алатын рұқсат (бірнешеуі үшін қайталаңыз)',
    tokenDays: 'мерзімі біткенге дейінгі күндер',
    tokenCreated: (id, username, expiresAt, token) =>
      `${username} үшін ${id} токені, мерзімі ${expiresAt} бітеді. Бір рет көрсетіледі:\n${token}`,
    tokenList: 'пайдаланушының API токендері',
    tokenColumns: {
      id: 'Идентификатор',
      name: 'Атауы',
      scopes: 'Рұқсаттар',
      expiresAt: 'Мерзімі',
      revokedAt: 'Кері қайтарылды',
      lastUsedAt: 'Соңғы қолданылуы',
    },
    tokenRevoke: 'API токенін бірден кері қайтару',
    tokenRevoked: (id) => `${id} токені кері қайтарылды`,
  },
  ru: {
    noUser: (username) => `нет пользователя «${username}»`,
    noOrganisation: (name) => `нет организации «${name}» (см. dabyl org list)`,
    user: 'люди, которые входят в Дабыл',
    add: 'создать пользователя; выводит случайный пароль, если не указан --password-stdin',
    name: 'имя, которое видят люди',
    email: 'адрес электронной почты',
    role: 'выдаваемая роль (повторите для нескольких)',
    org: 'выдать роли только в этой организации (название, краткое название или идентификатор)',
    locale: 'язык консоли',
    passwordStdin: 'прочитать пароль со стандартного ввода',
    created: (username, password) =>
      `создан ${username}${password ? `; пароль (показывается один раз): ${password}` : ''}`,
    list: 'список пользователей с их ролями',
    userColumns: {
      username: 'Логин',
      displayName: 'Имя',
      roles: 'Роли',
      state: 'Состояние',
      locale: 'Язык',
    },
    disabledState: 'заблокирован',
    activeState: 'активен',
    disable: 'запретить пользователю вход и завершить его сеансы',
    enable: 'снова разрешить вход заблокированному пользователю',
    disabled: (username) => `${username} заблокирован`,
    enabled: (username) => `${username} разблокирован`,
    passwd:
      'задать пароль пользователя (случайный и показанный один раз, если не указан --password-stdin); завершает его сеансы и отзывает его токены API',
    newPassword: (username, password) => `новый пароль для ${username} (показывается один раз): ${password}`,
    passwordChanged: (username) => `пароль ${username} изменён`,
    sessionsEnded: (tokens) => `его сеансы завершены, отозвано токенов API: ${tokens}`,
    grant: 'выдать роль везде или в одной организации',
    grantOrg: 'только в этой организации',
    granted: (username, role, org) => `${username} теперь ${role}${org ? ` в ${org}` : ''}`,
    orgGroup: 'ведомства (организации) и их подразделения',
    orgAdd: 'добавить организацию',
    orgKind: kinds('или', code),
    orgShort: 'краткое название',
    orgAdded: (name, id) => `добавлена ${name} (${id})`,
    orgList: 'список организаций',
    orgColumns: {
      shortName: 'Краткое название',
      name: 'Название',
      kind: 'Вид',
      units: 'Подразделений',
      id: 'Идентификатор',
    },
    token: 'токены API для скриптов и других систем',
    tokenCreate: 'создать токен API для пользователя; токен выводится один раз',
    tokenName: 'для чего токен',
    tokenScope: 'разрешение, которым может пользоваться токен (повторите для нескольких)',
    tokenDays: 'через сколько дней истекает',
    tokenCreated: (id, username, expiresAt, token) =>
      `токен ${id} для ${username}, истекает ${expiresAt}. Показывается один раз:\n${token}`,
    tokenList: 'токены API пользователя',
    tokenColumns: {
      id: 'Идентификатор',
      name: 'Название',
      scopes: 'Разрешения',
      expiresAt: 'Истекает',
      revokedAt: 'Отозван',
      lastUsedAt: 'Последнее использование',
    },
    tokenRevoke: 'сразу отозвать токен API',
    tokenRevoked: (id) => `токен ${id} отозван`,
  },
};
