import type { MessageLang } from '../../core/messages/messages.js';

/**
 * What `dabyl msel|participants|venues import` tells a person on the terminal, in each console
 * language. The findings themselves come worded from the message catalogue; `--json` keeps codes.
 */
export interface ImportReportWords {
  checking: string;
  importing: string;
  sheet: (sheet: string, headerRow: number, zone: string) => string;
  blank: string;
  ignored: string;
  source: { mapping: string; remembered: string };
  severity: { error: string; warning: string };
  file: string;
  row: (row: number) => string;
  teams: (dryRun: boolean, names: string) => string;
  dryRunOk: (rows: number, warnings: number) => string;
  imported: (rows: number, warnings: number) => string;
  nothingImported: (errors: number) => string;
  failed: (errors: number, file: string) => string;
  changes: {
    summary: (unchanged: number, changed: number, added: number, dryRun: boolean) => string;
    changed: (number: string, row: number, fields: string, approvalBefore: string | null) => string;
    added: (number: string, row: number) => string;
    missing: (
      state: 'remove' | 'removed' | 'kept',
      number: string,
      title: string,
      approval: string,
    ) => string;
    howToRemove: (count: number) => string;
    listApproval: (approval: string, reset: number, dryRun: boolean) => string;
  };
  approval: Record<string, string>;
}

export const IMPORT_REPORT_WORDS: Readonly<Record<MessageLang, ImportReportWords>> = {
  en: {
    checking: 'checking',
    importing: 'importing',
    sheet: (sheet, headerRow, zone) => `sheet "${sheet}", header on row ${headerRow}, times in ${zone}`,
    blank: '(blank)',
    ignored: 'ignored',
    source: { mapping: 'mapping', remembered: 'remembered' },
    severity: { error: 'ERROR  ', warning: 'warning' },
    file: 'file',
    row: (row) => `row ${row}`,
    teams: (dryRun, names) => `teams ${dryRun ? 'to create' : 'created'}: ${names}`,
    dryRunOk: (rows, warnings) =>
      `dry run: ${rows} rows would be imported (${warnings} warnings); nothing written`,
    imported: (rows, warnings) => `imported ${rows} rows (${warnings} warnings)`,
    nothingImported: (errors) => `${errors} error(s): nothing imported`,
    failed: (errors, file) => `${errors} error(s) in ${file}; nothing was imported`,
    changes: {
      summary: (unchanged, changed, added, dryRun) =>
        `matched by number: ${unchanged} unchanged (approvals kept), ${changed} ${dryRun ? 'to change' : 'changed'}, ${added} ${dryRun ? 'to add' : 'added'}`,
      changed: (number, row, fields, before) =>
        `  changed ${number} (row ${row}): ${fields}${before ? ` — ${before} → draft` : ''}`,
      added: (number, row) => `  new     ${number} (row ${row})`,
      missing: (state, number, title, approval) =>
        `  ${{ remove: 'remove ', removed: 'removed', kept: 'kept   ' }[state]} ${number} "${title}" (${approval}): not in the sheet`,
      howToRemove: (count) =>
        `  to remove the ${count} event(s) not in the sheet, import again with --remove-missing`,
      listApproval: (approval, reset, dryRun) =>
        `the MSEL ${dryRun ? 'will be' : 'is'} ${approval} (${reset} approval(s) reset)`,
    },
    approval: { draft: 'draft', submitted: 'submitted', approved: 'approved' },
  },
  ru: {
    checking: 'проверка',
    importing: 'импорт',
    sheet: (sheet, headerRow, zone) => `лист «${sheet}», заголовки в строке ${headerRow}, время: ${zone}`,
    blank: '(пусто)',
    ignored: 'не учитывается',
    source: { mapping: 'по сопоставлению', remembered: 'как в прошлый раз' },
    severity: { error: 'ОШИБКА ', warning: 'внимание' },
    file: 'файл',
    row: (row) => `строка ${row}`,
    teams: (dryRun, names) => `${dryRun ? 'будут созданы команды' : 'созданы команды'}: ${names}`,
    dryRunOk: (rows, warnings) =>
      `проверка: будет импортировано строк: ${rows} (предупреждений: ${warnings}); ничего не записано`,
    imported: (rows, warnings) => `импортировано строк: ${rows} (предупреждений: ${warnings})`,
    nothingImported: (errors) => `ошибок: ${errors}; ничего не импортировано`,
    failed: (errors, file) => `в файле ${file} ошибок: ${errors}; ничего не импортировано`,
    changes: {
      summary: (unchanged, changed, added, dryRun) =>
        `сопоставлено по номерам: без изменений ${unchanged} (утверждения сохранены), ${dryRun ? 'изменится' : 'изменено'} ${changed}, ${dryRun ? 'добавится' : 'добавлено'} ${added}`,
      changed: (number, row, fields, before) =>
        `  изменена ${number} (строка ${row}): ${fields}${before ? ` — ${before} → черновик` : ''}`,
      added: (number, row) => `  новая    ${number} (строка ${row})`,
      missing: (state, number, title, approval) =>
        `  ${{ remove: 'удалится', removed: 'удалена ', kept: 'осталась' }[state]} ${number} «${title}» (${approval}): нет в таблице`,
      howToRemove: (count) =>
        `  чтобы удалить вводные, которых нет в таблице (${count}), импортируйте ещё раз с --remove-missing`,
      listApproval: (approval, reset, dryRun) =>
        `MSEL ${dryRun ? 'будет' : 'теперь'}: ${approval} (сброшено утверждений: ${reset})`,
    },
    approval: { draft: 'черновик', submitted: 'на утверждении', approved: 'утверждён' },
  },
  kk: {
    checking: 'тексеру',
    importing: 'импорттау',
    sheet: (sheet, headerRow, zone) => `«${sheet}» парағы, тақырыптар ${headerRow}-жолда, уақыт: ${zone}`,
    blank: '(бос)',
    ignored: 'ескерілмейді',
    source: { mapping: 'сәйкестендіру бойынша', remembered: 'өткендегідей' },
    severity: { error: 'ҚАТЕ   ', warning: 'ескерту' },
    file: 'файл',
    row: (row) => `${row}-жол`,
    teams: (dryRun, names) => `${dryRun ? 'құрылатын топтар' : 'құрылған топтар'}: ${names}`,
    dryRunOk: (rows, warnings) =>
      `тексеру: импортталатын жолдар: ${rows} (ескертулер: ${warnings}); ештеңе жазылмады`,
    imported: (rows, warnings) => `импортталған жолдар: ${rows} (ескертулер: ${warnings})`,
    nothingImported: (errors) => `қателер: ${errors}; ештеңе импортталмады`,
    failed: (errors, file) => `${file} файлындағы қателер: ${errors}; ештеңе импортталмады`,
    changes: {
      summary: (unchanged, changed, added, dryRun) =>
        `нөмірлер бойынша салыстырылды: өзгеріссіз ${unchanged} (бекітулер сақталды), ${dryRun ? 'өзгеретіні' : 'өзгергені'} ${changed}, ${dryRun ? 'қосылатыны' : 'қосылғаны'} ${added}`,
      changed: (number, row, fields, before) =>
        `  өзгерді ${number} (${row}-жол): ${fields}${before ? ` — ${before} → жоба` : ''}`,
      added: (number, row) => `  жаңа    ${number} (${row}-жол)`,
      missing: (state, number, title, approval) =>
        `  ${{ remove: 'жойылады', removed: 'жойылды ', kept: 'қалды   ' }[state]} ${number} «${title}» (${approval}): кестеде жоқ`,
      howToRemove: (count) =>
        `  кестеде жоқ кіріспелерді (${count}) жою үшін --remove-missing арқылы қайта импорттаңыз`,
      listApproval: (approval, reset, dryRun) =>
        `MSEL ${dryRun ? 'болады' : 'қазір'}: ${approval} (тасталған бекітулер: ${reset})`,
    },
    approval: { draft: 'жоба', submitted: 'бекітуде', approved: 'бекітілген' },
  },
};
