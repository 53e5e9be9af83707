import type { MessageLang } from '../core/messages/messages.js';

/**
 * The words the `dabyl` command shares between its commands, in each language: the program's own
 * description, commander's headings and errors, and the options most commands take.
 */
export interface CliWords {
  program: string;
  headings: {
    usage: string;
    arguments: string;
    options: string;
    globalOptions: string;
    commands: string;
  };
  /** Commander's `[options]` and `[command]` in usage lines and command lists. */
  usageTokens: { options: string; command: string };
  help: string;
  version: string;
  defaultIs: (value: string) => string;
  /** Commander's own refusals, each given what it names; null where commander's own words are kept. */
  errors: CommanderErrors | null;
  json: string;
  out: string;
  exerciseId: string;
  unreachable: (location: string, problem: string) => string;
  configuration: (problem: string) => string;
}

export interface CommanderErrors {
  unknownCommand: (name: string) => string;
  unknownOption: (flag: string) => string;
  missingArgument: (name: string) => string;
  missingOption: (flags: string) => string;
  optionMissingValue: (flags: string) => string;
  tooManyArguments: (expected: string, got: string) => string;
  didYouMean: (names: string) => string;
}

export const CLI_WORDS: Readonly<Record<MessageLang, CliWords>> = {
  en: {
    program:
      'Dabyl: plan, run and evaluate exercises; tell the public; alert.\nConfiguration comes from DABYL_* environment variables (see README.md).',
    headings: {
      usage: 'Usage:',
      arguments: 'Arguments:',
      options: 'Options:',
      globalOptions: 'Global Options:',
      commands: 'Commands:',
    },
    usageTokens: { options: '[options]', command: '[command]' },
    help: 'display help for command',
    version: 'output the version number',
    defaultIs: (value) => `default: ${value}`,
    errors: null,
    json: 'machine-readable output',
    out: 'write to this file instead of standard output',
    exerciseId: 'exercise id',
    unreachable: (location, problem) => `cannot reach the database at ${location}: ${problem}`,
    configuration: (problem) => `configuration: ${problem}`,
  },
  kk: {
    program:
      'Дабыл: оқу-жаттығуларды жоспарлау, өткізу және бағалау; халықты хабардар ету; дабыл беру.\nБаптаулар DABYL_* орта айнымалыларынан алынады (`README.md` қараңыз).',
    headings: {
      usage: 'Қолданылуы:',
      arguments: 'Аргументтер:',
      options: 'Параметрлер:',
      globalOptions: 'Жалпы параметрлер:',
      commands: 'Пәрмендер:',
    },
    usageTokens: { options: '[параметрлер]', command: '[пәрмен]' },
    help: 'пәрменнің анықтамасын көрсету',
    version: 'нұсқа нөмірін көрсету',
    defaultIs: (value) => `әдепкісі: ${value}`,
    errors: {
      unknownCommand: (name) => `қате: «${name}» деген пәрмен жоқ`,
      unknownOption: (flag) => `қате: «${flag}» деген параметр жоқ`,
      missingArgument: (name) => `қате: міндетті «${name}» аргументі берілмеген`,
      missingOption: (flags) => `қате: міндетті «${flags}» параметрі берілмеген`,
      optionMissingValue: (flags) => `қате: «${flags}» параметрінің мәні берілмеген`,
      tooManyArguments: (expected, got) =>
        `қате: аргументтер тым көп: күтілгені ${expected}, берілгені ${got}`,
      didYouMean: (names) => `(Мүмкін, ${names} деп жазбақ болдыңыз ба?)`,
    },
    json: 'бағдарламалар оқитын шығыс (JSON)',
    out: 'стандартты шығысқа емес, осы файлға жазу',
    exerciseId: 'оқу-жаттығудың идентификаторы',
    unreachable: (location, problem) => `${location} дерекқорына қосылу мүмкін емес: ${problem}`,
    configuration: (problem) => `баптаулар: ${problem}`,
  },
  ru: {
    program:
      'Дабыл: планирование, проведение и оценка учений; уведомление населения; оповещение.\nНастройки берутся из переменных окружения DABYL_* (см. `README.md`).',
    headings: {
      usage: 'Использование:',
      arguments: 'Аргументы:',
      options: 'Параметры:',
      globalOptions: 'Общие параметры:',
      commands: 'Команды:',
    },
    usageTokens: { options: '[параметры]', command: '[команда]' },
    help: 'показать справку по команде',
    version: 'показать номер версии',
    defaultIs: (value) => `по умолчанию: ${value}`,
    errors: {
      unknownCommand: (name) => `ошибка: неизвестная команда «${name}»`,
      unknownOption: (flag) => `ошибка: неизвестный параметр «${flag}»`,
      missingArgument: (name) => `ошибка: не указан обязательный аргумент «${name}»`,
      missingOption: (flags) => `ошибка: не указан обязательный параметр «${flags}»`,
      optionMissingValue: (flags) => `ошибка: у параметра «${flags}» нет значения`,
      tooManyArguments: (expected, got) =>
        `ошибка: слишком много аргументов: ожидается ${expected}, получено ${got}`,
      didYouMean: (names) => `(Возможно, имелось в виду ${names}?)`,
    },
    json: 'вывод для программ (JSON)',
    out: 'записать в этот файл, а не в стандартный вывод',
    exerciseId: 'идентификатор учений',
    unreachable: (location, problem) => `нет связи с базой данных ${location}: ${problem}`,
    configuration: (problem) => `настройки: ${problem}`,
  },
};

/** English table headings: each column's own key, as the tables have always shown them. */
export const same = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k): [K, string] => [k, k])) as Record<K, string>;
