import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SheetKind } from '../../core/spreadsheet/fields.js';
import type { ColumnMapping } from '../../core/spreadsheet/mapping.js';
import type { Actor } from '../../core/policy/policy.js';
import { SHEET_LANGUAGES, type SheetLanguage } from '../../core/spreadsheet/words.js';
import { exportSpreadsheet, type ExportFormat } from '../../services/planning/export.service.js';
import { importSpreadsheet } from '../../services/planning/import.service.js';
import { cliActor, withContext } from '../context.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { cliLanguage, CliFailure, EXIT, printJson } from '../output.js';
import { CLI_WORDS } from '../cli.texts.js';
import { progressBar } from '../progress.js';
import { importReportText } from './import-report.js';
import { IMPORT_REPORT_WORDS } from './import-report.texts.js';
import { SHEET_WORDS, type SheetWords } from './msel.texts.js';

/** The CLI is the local operator: it may plan and read every exercise, as an administrator. */
export const cliPolicy = (): Actor => ({
  userId: 'cli',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
});

function readMapping(file: string | undefined, w: SheetWords): ColumnMapping | undefined {
  if (!file) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(w.notAnObject);
    return v as ColumnMapping;
  } catch (err) {
    throw new CliFailure(`--mapping ${file}: ${(err as Error).message}`, EXIT.usage);
  }
}

/** `dabyl <kind> import FILE` and `dabyl <kind> export` for one kind of spreadsheet. */
export function registerSheetCommands(program: Command, kind: SheetKind, lang: MessageLang): void {
  const w = SHEET_WORDS[lang];
  const { description, what } = w.lists[kind];
  const exerciseId = CLI_WORDS[lang].exerciseId;
  const group = program.command(kind).description(description);
  const importer = group
    .command('import <file>')
    .description(w.import(what))
    .requiredOption('--exercise <id>', exerciseId)
    .option('--dry-run', w.dryRun)
    .option('--mapping <file>', w.mapping)
    .option('--sheet <name>', w.sheet(what));
  // Rows of the MSEL and of the participants name teams the import may create; venues do not.
  if (kind !== 'venues') importer.option('--create-teams', w.createTeams);
  if (kind === 'msel')
    importer.option('--replace', w.replaceEvents).option('--remove-missing', w.removeMissing);
  else importer.option('--replace', w.replaceList(kind));
  importer.option('--json', w.reportJson).action(
    async (
      file: string,
      opts: {
        exercise: string;
        dryRun?: boolean;
        mapping?: string;
        sheet?: string;
        createTeams?: boolean;
        replace?: boolean;
        removeMissing?: boolean;
        json?: boolean;
      },
    ) =>
      withContext(async (ctx) => {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch (err) {
          throw new CliFailure(w.unreadable(file, (err as Error).message), EXIT.notFound);
        }
        const words = IMPORT_REPORT_WORDS[lang];
        const bar = progressBar(opts.dryRun ? words.checking : words.importing, !opts.json);
        const report = await importSpreadsheet(ctx, cliActor(), cliPolicy(), opts.exercise, kind, bytes, {
          dryRun: opts.dryRun,
          sheet: opts.sheet,
          mapping: readMapping(opts.mapping, w),
          createTeams: opts.createTeams,
          replace: opts.replace,
          removeMissing: opts.removeMissing,
          onProgress: (_stage, done, total) => bar.update(done, total),
        }).finally(() => bar.stop());
        if (opts.json) printJson(report);
        else process.stdout.write(importReportText(report, lang));
        if (!report.ok) throw new CliFailure(words.failed(report.errors, file), EXIT.failed);
      }),
  );
  group
    .command('export')
    .description(w.export(what))
    .requiredOption('--exercise <id>', exerciseId)
    .option('--format <xlsx|csv>', w.format, 'xlsx')
    .option('--out <file>', CLI_WORDS[lang].out)
    .option('--lang <kk|ru|en>', w.lang)
    .action(async (opts: { exercise: string; format: string; out?: string; lang?: string }) =>
      withContext(async (ctx) => {
        const sheetLang = opts.lang ?? cliLanguage(process.env) ?? 'en';
        if (opts.format !== 'xlsx' && opts.format !== 'csv')
          throw new CliFailure(w.formatRefused, EXIT.usage);
        if (!(SHEET_LANGUAGES as readonly string[]).includes(sheetLang))
          throw new CliFailure(w.langRefused(SHEET_LANGUAGES.join(', ')), EXIT.usage);
        const file = await exportSpreadsheet(
          ctx,
          cliPolicy(),
          opts.exercise,
          kind,
          opts.format as ExportFormat,
          sheetLang as SheetLanguage,
        );
        if (opts.out) writeFileSync(opts.out, file.body);
        else
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(file.body, (e) => (e ? reject(e) : resolve())),
          );
      }),
    );
}

export function registerMselCommands(program: Command, lang: MessageLang): void {
  registerSheetCommands(program, 'msel', lang);
}
