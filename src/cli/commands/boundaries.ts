import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  importBoundarySet,
  listBoundaries,
  listBoundarySets,
} from '../../services/boundaries/boundaries.service.js';
import { AppError, wordedIn } from '../../errors.js';
import { cliActor, withContext } from '../context.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT, printJson, printTable } from '../output.js';
import { BOUNDARIES_WORDS, type BoundariesWords } from './boundaries.texts.js';

/** The file's JSON; a file that is not JSON is refused before the database is opened. */
function readGeoJson(file: string, w: BoundariesWords): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`${file}: ${(err as Error).message}`, EXIT.notFound);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliFailure(w.notJson(file, (err as Error).message), EXIT.usage);
  }
}

/** Every problem of a refused file on its own line, each naming the feature and field. */
function everyProblem(file: string, err: unknown, lang: MessageLang): never {
  if (err instanceof AppError && err.errors?.length) {
    const worded = wordedIn(lang, err);
    const lines = (worded.errors ?? []).map((e) => `  ${e.field}: ${e.problem}`);
    throw new CliFailure(`${BOUNDARIES_WORDS[lang].nothingImported(file)}\n${lines.join('\n')}`, EXIT.usage);
  }
  throw err;
}

/** `dabyl boundaries import|list`: the boundary sets the alert composer picks areas from. */
export function registerBoundaryCommands(program: Command, lang: MessageLang): void {
  const w = BOUNDARIES_WORDS[lang];
  const boundaries = program.command('boundaries').description(w.boundaries);
  boundaries
    .command('import')
    .description(w.import)
    .argument('<file>', w.file)
    .requiredOption('--set <name>', w.set)
    .option('--approximate', w.approximate)
    .action(async (file: string, o: { set: string; approximate?: boolean }) => {
      const geojson = readGeoJson(file, w);
      const done = await withContext((ctx) =>
        importBoundarySet(ctx, cliActor(), o.set, { approximate: Boolean(o.approximate), geojson }).catch(
          (err: unknown) => everyProblem(file, err, lang),
        ),
      );
      process.stdout.write(`${w.imported(done.name, done.features, done.approximate, done.replaced)}\n`);
    });
  boundaries
    .command('list')
    .description(w.list)
    .option('--json', w.json)
    .action(async (o: { json?: boolean }) => {
      const [sets, items] = await withContext(async (ctx) =>
        Promise.all([listBoundarySets(ctx), listBoundaries(ctx)]),
      );
      if (o.json) return printJson({ sets, boundaries: items });
      printTable(
        sets.map((s) => ({ ...s, approximate: s.approximate ? w.yes : w.no })),
        ['name', 'approximate', 'features', 'importedAt', 'importedBy'],
        w.setColumns,
      );
      process.stdout.write('\n');
      printTable(
        items.map((b) => ({ ...b, name: b.names[lang] || b.names.en })),
        ['set', 'code', 'level', 'region', 'name', 'points'],
        w.columns,
      );
    });
}
