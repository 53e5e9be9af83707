import type { EXERCISE_HAZARDS, LESSON_KINDS } from '../../contract/enums.js';
import type { MessageLang } from '../../core/messages/messages.js';

/**
 * What `dabyl lessons search` says to a person, in each console language: the table's and the CSV's
 * headings, the words for kinds and hazards, and its refusals. The lessons' own texts are as written;
 * JSON carries codes for scripts.
 */
export interface LessonsWords {
  columns: {
    kind: string;
    reference: string;
    exercise: string;
    city: string;
    hazard: string;
    startex: string;
    capabilities: string;
    text: string;
  };
  kind: Record<(typeof LESSON_KINDS)[number], string>;
  hazard: Record<(typeof EXERCISE_HAZARDS)[number], string>;
  none: string;
  more: (limit: number, max: number) => string;
  refuse: {
    oneOf: (option: string, values: readonly string[]) => string;
    noWord: string;
    tooLong: (option: string, max: number) => string;
    limit: (max: number) => string;
    noCapability: (value: string) => string;
    noOrganisation: (value: string) => string;
  };
}

const list = (values: readonly string[]) => values.join(', ');

export const LESSONS_WORDS: Readonly<Record<MessageLang, LessonsWords>> = {
  en: {
    columns: {
      kind: 'Kind',
      reference: 'Ref.',
      exercise: 'Exercise',
      city: 'City',
      hazard: 'Hazard',
      startex: 'STARTEX',
      capabilities: 'Core capabilities',
      text: 'Text',
    },
    kind: { observation: 'Observation', strength: 'Strength', improvement: 'Area for improvement' },
    hazard: {
      earthquake: 'Earthquake',
      flood: 'Flood',
      fire: 'Fire',
      air_raid: 'Air raid',
      chemical: 'Chemical accident',
      terrorist_attack: 'Terrorist attack',
      other: 'Other',
    },
    none: 'Nothing found. Try fewer words or fewer filters.',
    more: (limit, max) =>
      `More match than the ${limit} shown: narrow the search, or raise --limit (at most ${max}).`,
    refuse: {
      oneOf: (option, values) => `${option} must be one of ${list(values)}`,
      noWord: '--text must hold at least one word to search for',
      tooLong: (option, max) => `${option} must be at most ${max} characters`,
      limit: (max) => `--limit must be a whole number from 1 to ${max}`,
      noCapability: (value) => `--capability: no core capability "${value}" (give its name or id)`,
      noOrganisation: (value) => `--organisation: no organisation "${value}" (see: dabyl org list)`,
    },
  },
  ru: {
    columns: {
      kind: 'Вид',
      reference: 'Номер',
      exercise: 'Учение',
      city: 'Город',
      hazard: 'Опасность',
      startex: 'Начало (STARTEX)',
      capabilities: 'Базовые способности',
      text: 'Текст',
    },
    kind: { observation: 'Наблюдение', strength: 'Сильная сторона', improvement: 'Область для улучшения' },
    hazard: {
      earthquake: 'Землетрясение',
      flood: 'Наводнение',
      fire: 'Пожар',
      air_raid: 'Воздушная тревога',
      chemical: 'Химическая авария',
      terrorist_attack: 'Террористический акт',
      other: 'Другое',
    },
    none: 'Ничего не найдено. Попробуйте меньше слов или фильтров.',
    more: (limit, max) =>
      `Совпадений больше, чем показано (${limit}): сузьте поиск или увеличьте --limit (не больше ${max}).`,
    refuse: {
      oneOf: (option, values) => `${option}: допустимые значения — ${list(values)}`,
      noWord: '--text: нужно хотя бы одно слово для поиска',
      tooLong: (option, max) => `${option}: не длиннее ${max} символов`,
      limit: (max) => `--limit: целое число от 1 до ${max}`,
      noCapability: (value) =>
        `--capability: нет базовой способности «${value}» (укажите её название или id)`,
      noOrganisation: (value) => `--organisation: нет организации «${value}» (см. dabyl org list)`,
    },
  },
  kk: {
    columns: {
      kind: 'Түрі',
      reference: 'Нөмірі',
      exercise: 'Оқу-жаттығу',
      city: 'Қала',
      hazard: 'Қауіп',
      startex: 'Басталуы (STARTEX)',
      capabilities: 'Негізгі қабілеттер',
      text: 'Мәтін',
    },
    kind: { observation: 'Байқау', strength: 'Күшті жақ', improvement: 'Жетілдіру саласы' },
    hazard: {
      earthquake: 'Жер сілкінісі',
      flood: 'Су тасқыны',
      fire: 'Өрт',
      air_raid: 'Әуе шабуылы қаупі',
      chemical: 'Химиялық апат',
      terrorist_attack: 'Террорлық акт',
      other: 'Басқа',
    },
    none: 'Ештеңе табылмады. Сөздерді немесе сүзгілерді азайтып көріңіз.',
    more: (limit, max) =>
      `Сәйкестіктер көрсетілгеннен (${limit}) көп: іздеуді тарылтыңыз немесе --limit мәнін арттырыңыз (ең көбі ${max}).`,
    refuse: {
      oneOf: (option, values) => `${option}: рұқсат етілген мәндер — ${list(values)}`,
      noWord: '--text: іздеу үшін кемінде бір сөз керек',
      tooLong: (option, max) => `${option}: ${max} таңбадан аспауы керек`,
      limit: (max) => `--limit: 1-ден ${max}-ге дейінгі бүтін сан`,
      noCapability: (value) => `--capability: «${value}» негізгі қабілеті жоқ (атауын немесе id-сін беріңіз)`,
      noOrganisation: (value) => `--organisation: «${value}» ұйымы жоқ (қараңыз: dabyl org list)`,
    },
  },
};
