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
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, cliLanguage, EXIT, readStdin } from '../output.js';
import { progressBar } from '../progress.js';
import { EXERCISE_DOCS_WORDS } from './exercise-docs.texts.js';

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
export function exerciseCommand(program: Command, lang: MessageLang): Command {
  return (
    program.commands.find((c) => c.name() === 'exercise') ??
    program.command('exercise').description(EXERCISE_DOCS_WORDS[lang].exercise)
  );
}

/** The operator's language (DABYL_LANG, else the locale: kk_KZ.UTF-8 → kk), English when neither kk nor ru. */
function localeLang(): DocumentLang {
  const lang = cliLanguage(process.env) ?? 'en';
  return isDocumentLang(lang) ? lang : 'en';
}

/** `dabyl exercise ics|doc|export|import`: what an exercise hands to people and to other installations. */
export function registerExerciseDocCommands(program: Command, lang: MessageLang): void {
  const w = EXERCISE_DOCS_WORDS[lang];
  const out = CLI_WORDS[lang].out;
  const exercise = exerciseCommand(program, lang);
  exercise
    .command('ics <id>')
    .description(w.ics)
    .option('--lang <lang>', w.lang(DOCUMENT_LANGS), localeLang())
    .option('--out <file>', out)
    .action(async (id: string, opts: { lang: string; out?: string }) => {
      const icsLang = opts.lang;
      if (!isDocumentLang(icsLang)) throw new CliFailure(w.oneOf('--lang', DOCUMENT_LANGS), EXIT.usage);
      await withContext(async (ctx) => emit(await exerciseCalendar(ctx, CLI_POLICY, id, icsLang), opts.out));
    });
  exercise
    .command('export <id>')
    .description(w.export)
    .option('--out <file>', out)
    .action(async (id: string, opts: { out?: string }) =>
      withContext(async (ctx) =>
        emit(JSON.stringify(await exportBundle(ctx, CLI_POLICY, id), null, 2) + '\n', opts.out),
      ),
    );
  exercise
    .command('import <file>')
    .description(w.import)
    .action(async (file: string) =>
      withContext(async (ctx) => {
        const text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
        const id = await importBundle(ctx, cliActor(), CLI_POLICY, parseBundle(text));
        process.stdout.write(`${id}\n`);
      }),
    );
  exercise
    .command('doc <id>')
    .description(w.doc)
    .requiredOption('--kind <kind>', w.kind(DOCUMENT_KINDS))
    .option('--format <format>', w.format(DOCUMENT_FORMATS), 'html')
    .option('--lang <lang>', w.lang(DOCUMENT_LANGS), localeLang())
    .option('--out <file>', out)
    .action(async (id: string, opts: { kind: string; format: string; lang: string; out?: string }) => {
      if (!(DOCUMENT_KINDS as readonly string[]).includes(opts.kind))
        throw new CliFailure(w.oneOf('--kind', DOCUMENT_KINDS), EXIT.usage);
      if (!(DOCUMENT_FORMATS as readonly string[]).includes(opts.format))
        throw new CliFailure(w.oneOf('--format', DOCUMENT_FORMATS), EXIT.usage);
      const docLang = opts.lang;
      if (!isDocumentLang(docLang)) throw new CliFailure(w.oneOf('--lang', DOCUMENT_LANGS), EXIT.usage);
      if (opts.format === 'docx' && !opts.out && process.stdout.isTTY)
        throw new CliFailure(w.binary, EXIT.usage);
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
            docLang,
            (done, total) => bar.update(done, total),
          );
          emit(doc.body, opts.out);
        } finally {
          bar.stop();
        }
      });
    });
}
