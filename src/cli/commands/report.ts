import type { Command } from 'commander';
import {
  exportReport,
  generateReport,
  REPORT_FORMATS,
  type ReportFormat,
} from '../../services/aar/aar.service.js';
import { cliActor, withContext } from '../context.js';
import { CliFailure, EXIT } from '../output.js';
import { progressBar } from '../progress.js';
import { CLI_POLICY, emit } from './exercise-docs.js';

/** `dabyl report generate|export`: the after-action report of an exercise, drafted and written out. */
export function registerReportCommands(program: Command): void {
  const report = program.command('report').description('after-action reports and improvement plans (AAR/IP)');
  report
    .command('generate <exercise>')
    .description('draft the report from the data: a new version, with what changed since the last')
    .action(async (exerciseId: string) =>
      withContext(async (ctx) => {
        const bar = progressBar('report', true);
        try {
          const v = await generateReport(ctx, cliActor(), CLI_POLICY, exerciseId, (done, total) =>
            bar.update(done, total),
          );
          bar.stop();
          process.stdout.write(
            `version ${v.version} (${v.status}): ${v.content.basis.observations} observations, ` +
              `${v.content.basis.injectsFired} fired injects, ${v.changes?.length ?? 0} changes since the last\n`,
          );
        } finally {
          bar.stop();
        }
      }),
    );
  report
    .command('export <exercise>')
    .description('write the report out: editable DOCX, PDF (LibreOffice) or self-contained HTML')
    .option('--format <format>', REPORT_FORMATS.join('|'), 'docx')
    .option('--version <n>', 'which version (default: the latest)')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (exerciseId: string, opts: { format: string; version?: string; out?: string }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format))
        throw new CliFailure(`--format must be one of ${REPORT_FORMATS.join(', ')}`, EXIT.usage);
      const version = opts.version === undefined ? undefined : Number(opts.version);
      if (version !== undefined && !(Number.isInteger(version) && version > 0))
        throw new CliFailure('--version must be a whole number from 1', EXIT.usage);
      if (opts.format !== 'html' && !opts.out && process.stdout.isTTY)
        throw new CliFailure(
          `a ${opts.format.toUpperCase()} is binary: give --out FILE or redirect standard output`,
          EXIT.usage,
        );
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
