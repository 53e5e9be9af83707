import { EXERCISE_HAZARDS, LESSON_KINDS } from '../../contract/enums.js';
import type { MessageLang } from '../../core/messages/messages.js';

/** How `dabyl lessons search` prints what it found. */
export const LESSON_FORMATS = ['table', 'json', 'csv'] as const;

/** What `dabyl lessons --help` says of each command and option, in each console language. */
export interface LessonsHelp {
  group: string;
  search: string;
  text: string;
  kind: string;
  capability: string;
  hazard: string;
  organisation: string;
  city: string;
  limit: (max: number) => string;
  format: string;
  lang: string;
}

const codes = (values: readonly string[]) => `\`${values.join('|')}\``;

export const LESSONS_HELP: Readonly<Record<MessageLang, LessonsHelp>> = {
  en: {
    group: 'lessons learned: observations, strengths and areas for improvement of past exercises',
    search:
      'find lessons whose text holds every word asked, best match first; "a phrase" in quotes, word* for a prefix',
    text: 'the words to find (Kazakh, Russian or English)',
    kind: LESSON_KINDS.join('|'),
    capability: 'core capability, by name or id',
    hazard: EXERCISE_HAZARDS.join('|'),
    organisation: 'the lead or a participating organisation: name, short name or id',
    city: 'the exercise’s city, exactly',
    limit: (max) => `at most this many, 1 to ${max} (default 20)`,
    format: LESSON_FORMATS.join('|'),
    lang: 'kk|ru|en: the language of headings, kinds and hazards (default: DABYL_LANG or the locale, else en)',
  },
  kk: {
    group: 'алынған сабақтар: өткен оқу-жаттығулардың байқаулары, күшті жақтары және жетілдіру салалары',
    search:
      'мәтінінде сұралған сөздердің бәрі бар сабақтарды табу, ең сәйкесі бірінші; тіркес тырнақшаға алынады, ' +
      'сөздің басы үшін соңына * қойылады',
    text: 'іздейтін сөздер (қазақша, орысша немесе ағылшынша)',
    kind: codes(LESSON_KINDS),
    capability: 'негізгі қабілет: атауы немесе идентификаторы',
    hazard: codes(EXERCISE_HAZARDS),
    organisation: 'басқарушы не қатысушы ұйым: атауы, қысқа атауы немесе идентификаторы',
    city: 'оқу-жаттығу өтетін қала, дәл жазылуы',
    limit: (max) => `ең көбі осынша, 1-ден ${max}-ге дейін (әдепкісі 20)`,
    format: codes(LESSON_FORMATS),
    lang: '`kk|ru|en`: тақырыптардың, түрлер мен қауіптердің тілі (әдепкісі: DABYL_LANG не жүйе тілі, әйтпесе ағылшын)',
  },
  ru: {
    group: 'извлечённые уроки: наблюдения, сильные стороны и области для улучшения прошедших учений',
    search:
      'найти уроки, в тексте которых есть все заданные слова, сначала лучшие совпадения; фраза — в кавычках, ' +
      'начало слова — со звёздочкой в конце',
    text: 'слова для поиска (на казахском, русском или английском)',
    kind: codes(LESSON_KINDS),
    capability: 'базовая способность: название или идентификатор',
    hazard: codes(EXERCISE_HAZARDS),
    organisation: 'руководящая или участвующая организация: название, краткое название или идентификатор',
    city: 'город учения, точно',
    limit: (max) => `не больше стольких, от 1 до ${max} (по умолчанию 20)`,
    format: codes(LESSON_FORMATS),
    lang: '`kk|ru|en`: язык заголовков, видов и опасностей (по умолчанию DABYL_LANG или язык системы, иначе английский)',
  },
};
