import type { SheetKind } from '../../core/spreadsheet/fields.js';
import type { MessageLang } from '../../core/messages/messages.js';

/** How one list (MSEL, participants, venues) is named in its commands' help. */
export interface SheetListWords {
  /** The command group's description. */
  description: string;
  /** What the file holds, as the object of a sentence ("an MSEL"). */
  what: string;
}

/** What `dabyl msel|participants|venues import|export` say to a person, in each language. */
export interface SheetWords {
  lists: Record<SheetKind, SheetListWords>;
  import: (what: string) => string;
  dryRun: string;
  mapping: string;
  sheet: (what: string) => string;
  createTeams: string;
  replaceEvents: string;
  removeMissing: string;
  replaceList: (what: string) => string;
  reportJson: string;
  export: (what: string) => string;
  format: string;
  lang: string;
  unreadable: (file: string, problem: string) => string;
  notAnObject: string;
  formatRefused: string;
  langRefused: (langs: string) => string;
}

export const SHEET_WORDS: Readonly<Record<MessageLang, SheetWords>> = {
  en: {
    lists: {
      msel: { description: 'the master scenario events list', what: 'an MSEL' },
      participants: {
        description: "an exercise's participants: people with their exercise role, team and organisation",
        what: 'participants',
      },
      venues: {
        description: "an exercise's venues: name, kind, address, latitude and longitude",
        what: 'venues',
      },
    },
    import: (what) => `import ${what} from XLSX or CSV: all rows or none`,
    dryRun: 'check and preview only; write nothing',
    mapping: 'JSON file: column label (or letter) → field, null to ignore',
    sheet: (what) => `the sheet to read (default: the one that looks like ${what})`,
    createTeams: 'create teams the sheet names that the exercise lacks',
    replaceEvents:
      'match events by number and remove the ones the sheet no longer names (approvals of unchanged ones stay)',
    removeMissing: 'remove the events the sheet no longer names (the dry run lists them)',
    replaceList: (what) => `replace the existing ${what} list instead of adding to it`,
    reportJson: 'print the report as JSON',
    export: (what) => `export ${what} as XLSX or CSV (standard output by default)`,
    format: 'file format',
    lang: 'language of the headers and fixed values, each imports back (default: DABYL_LANG or the locale, else en)',
    unreadable: (file, problem) => `cannot read ${file}: ${problem}`,
    notAnObject: 'not a JSON object',
    formatRefused: '--format must be xlsx or csv',
    langRefused: (langs) => `--lang must be one of ${langs}`,
  },
  kk: {
    lists: {
      msel: { description: 'MSEL (кіріспелер жоспары): сценарий оқиғаларының негізгі тізімі', what: 'MSEL' },
      participants: {
        description: 'оқу-жаттығуға қатысушылар: оқу-жаттығудағы рөлі, тобы және ұйымы бар адамдар',
        what: 'қатысушыларды',
      },
      venues: {
        description: 'оқу-жаттығу нысандары: атауы, түрі, мекенжайы, ендігі мен бойлығы',
        what: 'нысандарды',
      },
    },
    import: (what) => `${what} XLSX немесе CSV файлынан импорттау: барлық жолдар немесе ештеңе`,
    dryRun: 'тек тексеріп, алдын ала көрсету; ештеңе жазбау',
    mapping: 'JSON файлы: баған атауы (немесе әрпі) → өріс, елемеу үшін `null`',
    sheet: () => 'оқылатын парақ (әдепкісі: осы тізімге ұқсайтын парақ)',
    createTeams: 'парақта аталған, бірақ оқу-жаттығуда жоқ топтарды жасау',
    replaceEvents:
      'оқиғаларды нөмірі бойынша салыстырып, парақта енді аталмағандарын жою (өзгермегендерінің бекітілуі сақталады)',
    removeMissing: 'парақта енді аталмаған оқиғаларды жою (алдын ала тексеру оларды тізімдейді)',
    replaceList: () => 'бар тізімді толықтырмай, толығымен ауыстыру',
    reportJson: 'есепті JSON түрінде шығару',
    export: (what) => `${what} XLSX немесе CSV түрінде экспорттау (әдепкісі — стандартты шығысқа)`,
    format: 'файл пішімі',
    lang: 'тақырыптар мен тұрақты мәндердің тілі, кез келгені кері импортталады (әдепкісі: DABYL_LANG немесе жүйе тілі, әйтпесе `en`)',
    unreadable: (file, problem) => `${file} оқылмады: ${problem}`,
    notAnObject: 'JSON объектісі емес',
    formatRefused: '--format: `xlsx` немесе `csv` болуы керек',
    langRefused: (langs) => `--lang: рұқсат етілген мәндер — ${langs}`,
  },
  ru: {
    lists: {
      msel: { description: 'MSEL (перечень вводных): основной список событий сценария', what: 'MSEL' },
      participants: {
        description: 'участники учений: люди с их ролью в учениях, командой и организацией',
        what: 'участников',
      },
      venues: {
        description: 'объекты учений: название, вид, адрес, широта и долгота',
        what: 'объекты',
      },
    },
    import: (what) => `импортировать ${what} из XLSX или CSV: все строки или ни одной`,
    dryRun: 'только проверить и показать; ничего не записывать',
    mapping: 'файл JSON: заголовок столбца (или его буква) → поле, `null` — пропустить',
    sheet: (what) => `лист для чтения (по умолчанию — тот, что похож на ${what})`,
    createTeams: 'создать команды, названные в листе, которых нет в учениях',
    replaceEvents:
      'сопоставить события по номеру и удалить те, которых больше нет в листе (утверждения неизменённых сохраняются)',
    removeMissing: 'удалить события, которых больше нет в листе (пробный прогон их перечисляет)',
    replaceList: () => 'заменить имеющийся список, а не дополнять его',
    reportJson: 'вывести отчёт в виде JSON',
    export: (what) => `экспортировать ${what} в XLSX или CSV (по умолчанию — в стандартный вывод)`,
    format: 'формат файла',
    lang: 'язык заголовков и постоянных значений, любой импортируется обратно (по умолчанию: DABYL_LANG или язык системы, иначе `en`)',
    unreadable: (file, problem) => `не удаётся прочитать ${file}: ${problem}`,
    notAnObject: 'не объект JSON',
    formatRefused: '--format: должно быть `xlsx` или `csv`',
    langRefused: (langs) => `--lang: допустимые значения — ${langs}`,
  },
};
