import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  importBoundarySet,
  listBoundaries,
  listBoundarySets,
} from '../../services/boundaries/boundaries.service.js';
import { AppError, wordedIn } from '../../errors.js';
import { cliActor, withContext } from '../context.js';
import { CliFailure, cliLanguage, EXIT, printJson, printTable } from '../output.js';

/** The file's JSON; a file that is not JSON is refused before the database is opened. */
function readGeoJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliFailure(`${file}: ${(err as Error).message}`, EXIT.notFound);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new CliFailure(`${file}: not JSON (${(err as Error).message})`, EXIT.usage);
  }
}

/** Every problem of a refused file on its own line, each naming the feature and field. */
function everyProblem(file: string, err: unknown): never {
  if (err instanceof AppError && err.errors?.length) {
    const worded = wordedIn(cliLanguage(process.env), err);
    const lines = (worded.errors ?? []).map((e) => `  ${e.field}: ${e.problem}`);
    throw new CliFailure(`${file}: nothing imported\n${lines.join('\n')}`, EXIT.usage);
  }
  throw err;
}

/** `dabyl boundaries import|list`: the boundary sets the alert composer picks areas from. */
export function registerBoundaryCommands(program: Command): void {
  const boundaries = program
    .command('boundaries')
    .description('boundary sets (regions, districts, cities) imported from GeoJSON for alert areas');
  boundaries
    .command('import')
    .description('import a boundary set, replacing the set of that name whole; a wrong file changes nothing')
    .argument(
      '<file>',
      'a GeoJSON FeatureCollection of Polygons/MultiPolygons with properties code, level, region, name:kk, name:ru, name:en',
    )
    .requiredOption('--set <name>', 'the set: lowercase letters, digits and dashes')
    .option('--approximate', 'the outlines are rough, and are shown as approximate')
    .action(async (file: string, o: { set: string; approximate?: boolean }) => {
      const geojson = readGeoJson(file);
      const done = await withContext((ctx) =>
        importBoundarySet(ctx, cliActor(), o.set, { approximate: Boolean(o.approximate), geojson }).catch(
          (err: unknown) => everyProblem(file, err),
        ),
      );
      process.stdout.write(
        `${done.name}: ${done.features} boundaries imported${done.approximate ? ' (approximate)' : ''}` +
          (done.replaced ? `, replacing ${done.replaced}` : '') +
          '\n',
      );
    });
  boundaries
    .command('list')
    .description('list the boundary sets and their boundaries')
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) => {
      const [sets, items] = await withContext(async (ctx) =>
        Promise.all([listBoundarySets(ctx), listBoundaries(ctx)]),
      );
      if (o.json) return printJson({ sets, boundaries: items });
      printTable(
        sets.map((s) => ({ ...s, approximate: s.approximate ? 'yes' : 'no' })),
        ['name', 'approximate', 'features', 'importedAt', 'importedBy'],
      );
      process.stdout.write('\n');
      printTable(
        items.map((b) => ({ ...b, name: b.names.en })),
        ['set', 'code', 'level', 'region', 'name', 'points'],
      );
    });
}
