import type { MessageLang } from '../../core/messages/messages.js';

const code = (values: readonly string[]) => `\`${values.join('|')}\``;

/** What `dabyl exercise ics|export|import|doc` says to a person, in each language. */
export interface ExerciseDocsWords {
  exercise: string;
  ics: string;
  export: string;
  import: string;
  doc: string;
  kind: (kinds: readonly string[]) => string;
  format: (formats: readonly string[]) => string;
  lang: (langs: readonly string[]) => string;
  oneOf: (option: string, values: readonly string[]) => string;
  binary: string;
}

export const EXERCISE_DOCS_WORDS: Readonly<Record<MessageLang, ExerciseDocsWords>> = {
  en: {
    exercise: 'exercises: plans, calendars, documents, bundles',
    ics: 'the exercise as iCalendar (RFC 5545): STARTEX–ENDEX and each timed zone or road closure',
    export: 'the whole exercise as one JSON bundle (plan, teams, venues, objectives, MSEL with approval)',
    import: 'create a new exercise from a bundle ("-" reads standard input); prints its id',
    doc: 'an exercise document: explan (players), sitman (tabletop), handbook (controllers only)',
    kind: (kinds) => kinds.join('|'),
    format: (formats) => formats.join('|'),
    lang: (langs) =>
      `language of the fixed text: ${langs.join('|')} (default: from DABYL_LANG, LC_ALL or LANG, else en)`,
    oneOf: (option, values) => `${option} must be one of ${values.join(', ')}`,
    binary: 'a DOCX is binary: give --out FILE or redirect standard output',
  },
  kk: {
    exercise: 'оқу-жаттығулар: жоспарлар, күнтізбелер, құжаттар, топтамалар',
    ics: 'оқу-жаттығу iCalendar (RFC 5545) түрінде: STARTEX–ENDEX және уақыты белгіленген әр аймақ пен жабылған жол',
    export:
      'бүкіл оқу-жаттығу бір JSON топтамасы түрінде (жоспар, топтар, нысандар, мақсаттар, бекітілуімен бірге MSEL)',
    import:
      'топтамадан жаңа оқу-жаттығу жасау («-» стандартты енгізуді оқиды); оның идентификаторын басып шығарады',
    doc: 'оқу-жаттығу құжаты: `explan` (ExPlan, жаттығушыларға), `sitman` (SitMan, үстел үстіндегі оқу-жаттығуға), `handbook` (тек бақылаушыларға)',
    kind: (kinds) => `құжат түрі: ${code(kinds)}`,
    format: (formats) => `файл пішімі: ${code(formats)}`,
    lang: (langs) =>
      `тұрақты мәтіннің тілі: ${code(langs)} (әдепкісі: DABYL_LANG, LC_ALL немесе LANG бойынша, әйтпесе \`en\`)`,
    oneOf: (option, values) => `${option}: рұқсат етілген мәндер — ${values.join(', ')}`,
    binary: 'DOCX — екілік файл: --out FILE беріңіз немесе стандартты шығысты файлға бағыттаңыз',
  },
  ru: {
    exercise: 'учения: планы, календари, документы, пакеты',
    ics: 'учения в формате iCalendar (RFC 5545): STARTEX–ENDEX и каждая зона или перекрытие дороги со своим временем',
    export: 'учения целиком одним пакетом JSON (план, команды, объекты, цели, MSEL с утверждением)',
    import: 'создать новые учения из пакета («-» читает стандартный ввод); выводит их идентификатор',
    doc: 'документ учений: `explan` (ExPlan, для обучаемых), `sitman` (SitMan, для штабной тренировки), `handbook` (только для контролёров)',
    kind: (kinds) => `вид документа: ${code(kinds)}`,
    format: (formats) => `формат файла: ${code(formats)}`,
    lang: (langs) =>
      `язык постоянного текста: ${code(langs)} (по умолчанию — из DABYL_LANG, LC_ALL или LANG, иначе \`en\`)`,
    oneOf: (option, values) => `${option}: допустимые значения — ${values.join(', ')}`,
    binary: 'DOCX — двоичный файл: укажите --out FILE или перенаправьте стандартный вывод в файл',
  },
};
