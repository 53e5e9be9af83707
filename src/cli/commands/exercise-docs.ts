import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../../core/policy/policy.js';
import { importBundle, parseBundle } from '../../services/planning/bundle-import.service.js';
import { exportBundle } from '../../services/planning/bundle.service.js';
import { exerciseCalendar } from '../../services/planning/calendar.service.js';
import { renderDocument } from '../../services/planning/documents/documents.service.js';
import {
  DOCUMENT_LANGS,
  isDocumentLang,
  type DocumentLang,
} from '../../services/planning/documents/i18n/strings.js';
import {
  DOCUMENT_FORMATS,
  DOCUMENT_KINDS,
  type DocumentFormat,
  type DocumentKind,
} from '../../services/planning/documents/model.js';
import { cliActor, withContext } from '../context.js';
import { CliFailure, EXIT, readStdin } from '../output.js';
import { progressBar } from '../progress.js';

/** The CLI is the local operator, who may read everything (as `dabyl admin` may change everything). */
export const CLI_POLICY: Actor = {
  userId: 'cli',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

/** Writes to --out, or to standard output (a pipe or a redirect) when none is given. */
export function emit(data: string | Buffer, out: string | undefined): void {
  if (out) writeFileSync(out, data);
  else process.stdout.write(data);
}

/** `dabyl exercise …` may be created by another command module too; both add to the same one. */
export function exerciseCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'exercise') ??
    program.command('exercise').description('exercises: plans, calendars, documents, bundles')
  );
}

/** The operator's language from the environment (kk_KZ.UTF-8 → kk), English when it is neither kk nor ru. */
function localeLang(): DocumentLang {
  const env = (process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || '').slice(0, 2);
  return isDocumentLang(env) ? env : 'en';
}

/** `dabyl exercise ics|doc|export|import`: what an exercise hands to people and to other installations. */
export function registerExerciseDocCommands(program: Command): void {
  const exercise = exerciseCommand(program);
  exercise
    .command('ics <id>')
    .description('the exercise as iCalendar (RFC 5545): STARTEX–ENDEX and each timed zone or road closure')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { out?: string }) =>
      withContext(async (ctx) => emit(await exerciseCalendar(ctx, CLI_POLICY, id), opts.out)),
    );
  exercise
    .command('export <id>')
    .description(
      'the whole exercise as one JSON bundle (plan, teams, venues, objectives, MSEL with approval)',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { out?: string }) =>
      withContext(async (ctx) =>
        emit(JSON.stringify(await exportBundle(ctx, CLI_POLICY, id), null, 2) + '\n', opts.out),
      ),
    );
  exercise
    .command('import <file>')
    .description('create a new exercise from a bundle ("-" reads standard input); prints its id')
    .action(async (file: string) =>
      withContext(async (ctx) => {
        const text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
        const id = await importBundle(ctx, cliActor(), CLI_POLICY, parseBundle(text));
        process.stdout.write(`${id}\n`);
      }),
    );
  exercise
    .command('doc <id>')
    .description('an exercise document: explan (players), sitman (tabletop), handbook (controllers only)')
    .requiredOption('--kind <kind>', DOCUMENT_KINDS.join('|'))
    .option('--format <format>', DOCUMENT_FORMATS.join('|'), 'html')
    .option(
      '--lang <lang>',
      `language of the fixed text: ${DOCUMENT_LANGS.join('|')} (default: from LC_ALL or LANG, else en)`,
      localeLang(),
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { kind: string; format: string; lang: string; out?: string }) => {
      if (!(DOCUMENT_KINDS as readonly string[]).includes(opts.kind))
        throw new CliFailure(`--kind must be one of ${DOCUMENT_KINDS.join(', ')}`, EXIT.usage);
      if (!(DOCUMENT_FORMATS as readonly string[]).includes(opts.format))
        throw new CliFailure(`--format must be one of ${DOCUMENT_FORMATS.join(', ')}`, EXIT.usage);
      const lang = opts.lang;
      if (!isDocumentLang(lang))
        throw new CliFailure(`--lang must be one of ${DOCUMENT_LANGS.join(', ')}`, EXIT.usage);
      if (opts.format === 'docx' && !opts.out && process.stdout.isTTY)
        throw new CliFailure('a DOCX is binary: give --out FILE or redirect standard output', EXIT.usage);
      await withContext(async (ctx) => {
        const bar = progressBar(`${opts.kind}.${opts.format}`, true);
        try {
          const doc = await renderDocument(
            ctx,
            cliActor(),
            CLI_POLICY,
            id,
            opts.kind as DocumentKind,
            opts.format as DocumentFormat,
            lang,
            (done, total) => bar.update(done, total),
          );
          emit(doc.body, opts.out);
        } finally {
          bar.stop();
        }
      });
    });
}
