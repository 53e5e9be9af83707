import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { SheetKind } from '../../core/spreadsheet/fields.js';
import type { ColumnMapping } from '../../core/spreadsheet/mapping.js';
import type { Actor } from '../../core/policy/policy.js';
import { SHEET_LANGUAGES, type SheetLanguage } from '../../core/spreadsheet/words.js';
import { exportSpreadsheet, type ExportFormat } from '../../services/planning/export.service.js';
import { importSpreadsheet } from '../../services/planning/import.service.js';
import { cliActor, withContext } from '../context.js';
import { cliLanguage, CliFailure, EXIT, printJson } from '../output.js';
import { progressBar } from '../progress.js';
import { importReportText } from './import-report.js';
import { IMPORT_REPORT_WORDS } from './import-report.texts.js';

/** The CLI is the local operator: it may plan and read every exercise, as an administrator. */
export const cliPolicy = (): Actor => ({
  userId: 'cli',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
});

function readMapping(file: string | undefined): ColumnMapping | undefined {
  if (!file) return undefined;
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error('not a JSON object');
    return v as ColumnMapping;
  } catch (err) {
    throw new CliFailure(`--mapping ${file}: ${(err as Error).message}`, EXIT.usage);
  }
}

/** How one list (MSEL, participants, venues) is named in its commands' help. */
export interface SheetCommandWords {
  /** The command group, e.g. "msel". */
  command: string;
  /** The group's description. */
  description: string;
  /** What the file holds, e.g. "an MSEL". */
  what: string;
  /** Whether rows name teams the import may create. */
  teams: boolean;
}

/** `dabyl <list> import FILE` and `dabyl <list> export` for one kind of spreadsheet. */
export function registerSheetCommands(program: Command, kind: SheetKind, words: SheetCommandWords): void {
  const group = program.command(words.command).description(words.description);
  const importer = group
    .command('import <file>')
    .description(`import ${words.what} from XLSX or CSV: all rows or none`)
    .requiredOption('--exercise <id>', 'exercise id')
    .option('--dry-run', 'check and preview only; write nothing')
    .option('--mapping <file>', 'JSON file: column label (or letter) → field, null to ignore')
    .option('--sheet <name>', `the sheet to read (default: the one that looks like ${words.what})`);
  if (words.teams) importer.option('--create-teams', 'create teams the sheet names that the exercise lacks');
  if (kind === 'msel')
    importer
      .option(
        '--replace',
        'match events by number and remove the ones the sheet no longer names (approvals of unchanged ones stay)',
      )
      .option('--remove-missing', 'remove the events the sheet no longer names (the dry run lists them)');
  else importer.option('--replace', `replace the existing ${words.command} list instead of adding to it`);
  importer.option('--json', 'print the report as JSON').action(
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
          throw new CliFailure(`cannot read ${file}: ${(err as Error).message}`, EXIT.notFound);
        }
        const lang = cliLanguage(process.env) ?? 'en';
        const words = IMPORT_REPORT_WORDS[lang];
        const bar = progressBar(opts.dryRun ? words.checking : words.importing, !opts.json);
        const report = await importSpreadsheet(ctx, cliActor(), cliPolicy(), opts.exercise, kind, bytes, {
          dryRun: opts.dryRun,
          sheet: opts.sheet,
          mapping: readMapping(opts.mapping),
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
    .description(`export ${words.what} as XLSX or CSV (standard output by default)`)
    .requiredOption('--exercise <id>', 'exercise id')
    .option('--format <xlsx|csv>', 'file format', 'xlsx')
    .option('--out <file>', 'write to this file instead of standard output')
    .option(
      '--lang <kk|ru|en>',
      'language of the headers and fixed values, each imports back (default: DABYL_LANG or the locale, else en)',
    )
    .action(async (opts: { exercise: string; format: string; out?: string; lang?: string }) =>
      withContext(async (ctx) => {
        const lang = opts.lang ?? cliLanguage(process.env) ?? 'en';
        if (opts.format !== 'xlsx' && opts.format !== 'csv')
          throw new CliFailure('--format must be xlsx or csv', EXIT.usage);
        if (!(SHEET_LANGUAGES as readonly string[]).includes(lang))
          throw new CliFailure(`--lang must be one of ${SHEET_LANGUAGES.join(', ')}`, EXIT.usage);
        const file = await exportSpreadsheet(
          ctx,
          cliPolicy(),
          opts.exercise,
          kind,
          opts.format as ExportFormat,
          lang as SheetLanguage,
        );
        if (opts.out) writeFileSync(opts.out, file.body);
        else
          await new Promise<void>((resolve, reject) =>
            process.stdout.write(file.body, (e) => (e ? reject(e) : resolve())),
          );
      }),
    );
}

export function registerMselCommands(program: Command): void {
  registerSheetCommands(program, 'msel', {
    command: 'msel',
    description: 'the master scenario events list',
    what: 'an MSEL',
    teams: true,
  });
}
