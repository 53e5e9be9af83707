import type { CapSeverity } from '../../cap/index.js';
import type { MessageLang } from '../../core/messages/messages.js';

/**
 * What `dabyl cap validate` and `cap convert` say to a person, in each console language: the report's
 * lines, its help and its refusals. Findings come worded by the CAP library; `--json` keeps codes.
 */
export interface CapCliWords {
  help: {
    cap: string;
    validate: string;
    paths: string;
    json: string;
    profile: string;
    convert: string;
    file: string;
    to: string;
    allowInvalid: string;
  };
  valid: string;
  invalid: string;
  severity: Record<CapSeverity, string>;
  unreadable: string;
  inWrapper: (wrapper: string) => string;
  fileLine: (alerts: number, errors: number, warnings: number) => string;
  alertAt: (identifier: string | null, location: string, signed: boolean) => string;
  total: (files: number, valid: number, invalid: number) => string;
  someInvalid: (invalid: number, files: number) => string;
  toFormat: string;
  /** The converted message breaks CAP 1.2: it is not printed unless asked. */
  convertedInvalid: (errors: number) => string;
  unknownProfile: (profile: string, allowed: string) => string;
}

/** Russian counts agree with their noun: 1 ошибка, 2 ошибки, 5 ошибок. */
const ruCount = (n: number, one: string, few: string, many: string): string => {
  const form = new Intl.PluralRules('ru').select(n);
  return `${n} ${form === 'one' ? one : form === 'few' ? few : many}`;
};
const enCount = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export const CAP_CLI_WORDS: Readonly<Record<MessageLang, CapCliWords>> = {
  en: {
    help: {
      cap: 'Common Alerting Protocol (CAP 1.2) messages',
      validate: 'Check CAP 1.0/1.1/1.2 messages (bare, Atom, RSS or EDXL-DE); exit 1 if any is invalid',
      paths: 'files or directories',
      json: 'print the report as JSON',
      profile: 'profiles on top of CAP 1.2: ipaws, cap-cp, dabyl (comma-separated)',
      convert: 'Convert a CAP message between XML and its JSON form',
      file: 'a CAP XML file or a CAP JSON file',
      to: 'json or xml',
      allowInvalid:
        'print the converted message even when it is not valid CAP 1.2 (the findings go to stderr)',
    },
    valid: 'VALID',
    invalid: 'INVALID',
    severity: { error: 'error', warning: 'warning', info: 'info' },
    unreadable: 'unreadable',
    inWrapper: (wrapper) => ` in ${wrapper}`,
    fileLine: (alerts, errors, warnings) =>
      `${enCount(alerts, 'alert')}: ${enCount(errors, 'error')}, ${enCount(warnings, 'warning')}`,
    alertAt: (identifier, location, signed) =>
      `alert ${identifier || '(no identifier)'} at ${location}${signed ? ' (signed)' : ''}`,
    total: (files, valid, invalid) => `${enCount(files, 'file')}: ${valid} valid, ${invalid} invalid.`,
    someInvalid: (invalid, files) => `${invalid} of ${files} files are invalid`,
    toFormat: '--to must be json or xml',
    convertedInvalid: (errors) =>
      `the converted message is not valid CAP 1.2 (${enCount(errors, 'error')}, above); nothing printed — fix the source, or add --allow-invalid`,
    unknownProfile: (profile, allowed) => `There is no CAP profile "${profile}"; choose from ${allowed}.`,
  },
  kk: {
    help: {
      cap: 'CAP 1.2 хаттамасындағы хабарландырулар',
      validate:
        'CAP 1.0/1.1/1.2 хабарларын тексеру (жеке, Atom, RSS немесе EDXL-DE ішінде); біреуі жарамсыз болса, 1 кодымен шығады',
      paths: 'файлдар немесе қалталар',
      json: 'есепті JSON түрінде шығару',
      profile: 'CAP 1.2 үстіне қосылатын бейіндер: `ipaws`, `cap-cp`, `dabyl` (үтірмен бөліп)',
      convert: 'CAP хабарын XML мен JSON түрі арасында түрлендіру',
      file: 'CAP хабарының XML немесе JSON файлы',
      to: '`json` немесе `xml`',
      allowInvalid:
        'түрлендірілген хабар CAP 1.2 талаптарына сай болмаса да шығару (табылған ақаулар қателер ағынына жазылады)',
    },
    valid: 'ЖАРАМДЫ',
    invalid: 'ЖАРАМСЫЗ',
    severity: { error: 'қате', warning: 'ескерту', info: 'ақпарат' },
    unreadable: 'оқылмады',
    inWrapper: (wrapper) => `, ${wrapper} ішінде`,
    fileLine: (alerts, errors, warnings) => `${alerts} хабарландыру: ${errors} қате, ${warnings} ескерту`,
    alertAt: (identifier, location, signed) =>
      `${location} орнындағы ${identifier || '(идентификаторсыз)'} хабарландыруы${signed ? ' (қол қойылған)' : ''}`,
    total: (files, valid, invalid) => `${files} файл: ${valid} жарамды, ${invalid} жарамсыз.`,
    someInvalid: (invalid, files) => `${files} файлдың ${invalid} жарамсыз`,
    toFormat: '`--to` мәні `json` немесе `xml` болуы керек',
    convertedInvalid: (errors) =>
      `түрлендірілген хабар CAP 1.2 талаптарына сай емес (қате: ${errors}, жоғарыда); ештеңе шығарылмады — бастапқы файлды түзетіңіз немесе --allow-invalid қосыңыз`,
    unknownProfile: (profile, allowed) =>
      `«${profile}» деген CAP бейіні жоқ; мыналардың бірін таңдаңыз: ${allowed}.`,
  },
  ru: {
    help: {
      cap: 'Оповещения в протоколе CAP 1.2',
      validate:
        'Проверить сообщения CAP 1.0/1.1/1.2 (отдельные или в Atom, RSS, EDXL-DE); код выхода 1, если хотя бы одно неверно',
      paths: 'файлы или папки',
      json: 'вывести отчёт в JSON',
      profile: 'профили поверх CAP 1.2: `ipaws`, `cap-cp`, `dabyl` (через запятую)',
      convert: 'Преобразовать сообщение CAP между XML и его видом в JSON',
      file: 'файл сообщения CAP в XML или JSON',
      to: '`json` или `xml`',
      allowInvalid:
        'вывести преобразованное сообщение, даже если оно не соответствует CAP 1.2 (замечания — в поток ошибок)',
    },
    valid: 'ВЕРНО',
    invalid: 'НЕВЕРНО',
    severity: { error: 'ошибка', warning: 'предупр.', info: 'сведения' },
    unreadable: 'не прочитан',
    inWrapper: (wrapper) => ` в ${wrapper}`,
    fileLine: (alerts, errors, warnings) =>
      `${ruCount(alerts, 'оповещение', 'оповещения', 'оповещений')}: ` +
      `${ruCount(errors, 'ошибка', 'ошибки', 'ошибок')}, ` +
      `${ruCount(warnings, 'предупреждение', 'предупреждения', 'предупреждений')}`,
    alertAt: (identifier, location, signed) =>
      `оповещение ${identifier || '(без идентификатора)'} в ${location}${signed ? ' (подписано)' : ''}`,
    total: (files, valid, invalid) =>
      `${ruCount(files, 'файл', 'файла', 'файлов')}: верных ${valid}, неверных ${invalid}.`,
    someInvalid: (invalid, files) => `неверных файлов: ${invalid} из ${files}`,
    toFormat: '`--to` должен быть `json` или `xml`',
    convertedInvalid: (errors) =>
      `преобразованное сообщение не соответствует CAP 1.2 (${ruCount(errors, 'ошибка', 'ошибки', 'ошибок')}, см. выше); ничего не выведено — исправьте исходный файл или добавьте --allow-invalid`,
    unknownProfile: (profile, allowed) => `Профиля CAP «${profile}» нет; выберите из: ${allowed}.`,
  },
};
