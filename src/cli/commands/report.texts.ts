import type { MessageLang } from '../../core/messages/messages.js';

const code = (values: readonly string[]) => `\`${values.join('|')}\``;

/** What `dabyl report generate|export` says to a person, in each language. */
export interface ReportWords {
  report: string;
  generate: string;
  drafted: (
    version: number,
    status: string,
    observations: number,
    injects: number,
    changes: number,
  ) => string;
  export: string;
  format: (formats: readonly string[]) => string;
  version: string;
  oneOf: (option: string, values: readonly string[]) => string;
  badVersion: string;
  binary: (format: string) => string;
}

export const REPORT_WORDS: Readonly<Record<MessageLang, ReportWords>> = {
  en: {
    report: 'after-action reports and improvement plans (AAR/IP)',
    generate: 'draft the report from the data: a new version, with what changed since the last',
    drafted: (version, status, observations, injects, changes) =>
      `version ${version} (${status}): ${observations} observations, ` +
      `${injects} fired injects, ${changes} changes since the last`,
    export: 'write the report out: editable DOCX, PDF (LibreOffice) or self-contained HTML',
    format: (formats) => formats.join('|'),
    version: 'which version (default: the latest)',
    oneOf: (option, values) => `${option} must be one of ${values.join(', ')}`,
    badVersion: '--version must be a whole number from 1',
    binary: (format) => `a ${format} is binary: give --out FILE or redirect standard output`,
  },
  kk: {
    report: 'оқу-жаттығудан кейінгі есептер және жетілдіру жоспарлары (AAR/IP)',
    generate: 'есептің жобасын деректерден жасау: жаңа нұсқа, соңғысынан бері не өзгергені көрсетіледі',
    drafted: (version, status, observations, injects, changes) =>
      `${version}-нұсқа (${status}): ${observations} байқау, ` +
      `іске асқан ${injects} кіріспе, соңғысынан бері ${changes} өзгеріс`,
    export: 'есепті жазу: өңделетін DOCX, PDF (`LibreOffice` арқылы) немесе өзі толық HTML',
    format: (formats) => `файл пішімі: ${code(formats)}`,
    version: 'қай нұсқа (әдепкісі: ең соңғысы)',
    oneOf: (option, values) => `${option}: рұқсат етілген мәндер — ${values.join(', ')}`,
    badVersion: '--version: 1-ден басталатын бүтін сан болуы керек',
    binary: (format) =>
      `${format} — екілік файл: --out FILE беріңіз немесе стандартты шығысты файлға бағыттаңыз`,
  },
  ru: {
    report: 'отчёты по итогам учений и планы улучшений (AAR/IP)',
    generate: 'составить черновик отчёта по данным: новая версия с изменениями с прошлой',
    drafted: (version, status, observations, injects, changes) =>
      `версия ${version} (${status}): наблюдений — ${observations}, ` +
      `сработавших вводных — ${injects}, изменений с прошлой версии — ${changes}`,
    export: 'записать отчёт: редактируемый DOCX, PDF (через `LibreOffice`) или самодостаточный HTML',
    format: (formats) => `формат файла: ${code(formats)}`,
    version: 'какая версия (по умолчанию — последняя)',
    oneOf: (option, values) => `${option}: допустимые значения — ${values.join(', ')}`,
    badVersion: '--version: нужно целое число от 1',
    binary: (format) =>
      `${format} — двоичный файл: укажите --out FILE или перенаправьте стандартный вывод в файл`,
  },
};
