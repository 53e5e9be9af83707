import type { Command } from 'commander';
import {
  exportReport,
  generateReport,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../services/aar/aar.service.js';
import { cliActor, withContext } from '../context.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, EXIT } from '../output.js';
import { progressBar } from '../progress.js';
import { CLI_POLICY, emit } from './exercise-docs.js';
import { REPORT_WORDS } from './report.texts.js';

/** `dabyl report generate|export`: the after-action report of an exercise, drafted and written out. */
export function registerReportCommands(program: Command, lang: MessageLang): void {
  const w = REPORT_WORDS[lang];
  const report = program.command('report').description(w.report);
  report
    .command('generate <exercise>')
    .description(w.generate)
    .action(async (exerciseId: string) =>
      withContext(async (ctx) => {
        const bar = progressBar('report', true);
        try {
          const v = await generateReport(ctx, cliActor(), CLI_POLICY, exerciseId, (done, total) =>
            bar.update(done, total),
          );
          bar.stop();
          const basis = v.content.basis;
          process.stdout.write(
            `${w.drafted(v.version, v.status, basis.observations, basis.injectsFired, v.changes?.length ?? 0)}\n`,
          );
        } finally {
          bar.stop();
        }
      }),
    );
  report
    .command('export <exercise>')
    .description(w.export)
    .option('--format <format>', w.format(REPORT_FORMATS), 'docx')
    .option('--version <n>', w.version)
    .option('--out <file>', CLI_WORDS[lang].out)
    .action(async (exerciseId: string, opts: { format: string; version?: string; out?: string }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new CliFailure(w.oneOf('--format', REPORT_FORMATS), EXIT.usage);
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0))
        throw new CliFailure(w.badVersion, EXIT.usage);
      if (opts.format !== 'html' && !opts.out && process.stdout.isTTY)
        throw new CliFailure(w.binary(opts.format.toUpperCase()), EXIT.usage);
      await withContext(async (ctx) => {
        const bar = progressBar(`report.${opts.format}`, true);
        try {
          const doc = await exportReport(
            ctx,
            cliActor(),
            CLI_POLICY,
            exerciseId,
            opts.format as ReportFormat,
            version,
            (done, total) => bar.update(done, total),
          );
          emit(doc.body, opts.out);
        } finally {
          bar.stop();
        }
      });
    });
}
