import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SIREN_PURPOSES } from '../../contract/enums.js';
import {
  createSiren,
  createSirens,
  listSirens,
  type SirenInput,
} from '../../services/sirens/sirens.service.js';
import { cliActor, withContext } from '../context.js';
import type { MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT } from '../output.js';
import { runSirenSimulator } from '../siren-simulator.js';
import { SIREN_WORDS, type SirenWords } from './siren.texts.js';

const number = (field: string, w: SirenWords) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliFailure(w.notANumber(field, v), EXIT.usage);
  return n;
};

/** Sirens from a GeoJSON FeatureCollection of Points, or a CSV with a header row. */
export function readSirenFile(file: string, w: SirenWords = SIREN_WORDS.en): SirenInput[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) {
    const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim());
    const cols = (head ?? '').split(',').map((c) => c.trim());
    return lines.map((line, i) => {
      const cells = line.split(',').map((c) => c.trim());
      const get = (c: string) => cells[cols.indexOf(c)] ?? '';
      const where = w.line(i + 2);
      return input(
        w,
        where,
        { kk: get('name_kk'), ru: get('name_ru'), en: get('name_en') },
        Number(get('lon')),
        Number(get('lat')),
        get('prefix'),
        get('purpose'),
      );
    });
  }
  const doc = JSON.parse(text) as { features?: unknown };
  if (!Array.isArray(doc.features)) throw new CliFailure(w.notAFeatureCollection(file), EXIT.usage);
  return doc.features.map(
    (f: { geometry?: { type?: string; coordinates?: number[] }; properties?: Record<string, string> }, i) => {
      const where = w.feature(i);
      if (f.geometry?.type !== 'Point') throw new CliFailure(w.notAPoint(where), EXIT.usage);
      const p = f.properties ?? {};
      const [lon, lat] = f.geometry.coordinates ?? [];
      return input(
        w,
        where,
        { kk: p.name_kk ?? '', ru: p.name_ru ?? '', en: p.name_en ?? '' },
        Number(lon),
        Number(lat),
        p.prefix ?? '',
        p.purpose ?? '',
      );
    },
  );
}

function input(
  w: SirenWords,
  where: string,
  name: SirenInput['name'],
  lon: number,
  lat: number,
  prefix: string,
  purpose: string,
): SirenInput {
  if (purpose && !(SIREN_PURPOSES as readonly string[]).includes(purpose))
    throw new CliFailure(w.badPurpose(where, SIREN_PURPOSES), EXIT.usage);
  return { name, lon, lat, topicPrefix: prefix, purpose: (purpose || 'public') as SirenInput['purpose'] };
}

/**
 * `dabyl siren add|list|import|simulate`: the siren registry from the command line, and a siren
 * controller simulator that runs as its own process.
 */
export function registerSirenCommands(program: Command, lang: MessageLang): void {
  const w = SIREN_WORDS[lang];
  const siren = program.command('siren').description(w.siren);
  siren
    .command('add')
    .description(w.add)
    .requiredOption('--name-kk <name>', w.nameKk)
    .requiredOption('--name-ru <name>', w.nameRu)
    .requiredOption('--name-en <name>', w.nameEn)
    .requiredOption('--lon <degrees>', w.lon, number('lon', w))
    .requiredOption('--lat <degrees>', w.lat, number('lat', w))
    .requiredOption('--prefix <topic>', w.prefix)
    .option('--purpose <purpose>', w.purpose(SIREN_PURPOSES), 'public')
    .option('--organisation <id>', w.organisation)
    .option('--demo', w.demo)
    .action(
      async (o: {
        nameKk: string;
        nameRu: string;
        nameEn: string;
        lon: number;
        lat: number;
        prefix: string;
        purpose: string;
        organisation?: string;
        demo?: boolean;
      }) => {
        const created = await withContext((ctx) =>
          createSiren(ctx, cliActor(), {
            ...input(
              w,
              w.theSiren,
              { kk: o.nameKk, ru: o.nameRu, en: o.nameEn },
              o.lon,
              o.lat,
              o.prefix,
              o.purpose,
            ),
            organisationId: o.organisation ?? null,
            demo: Boolean(o.demo),
          }),
        );
        process.stdout.write(
          `${created.siren.id}\t${created.siren.topicPrefix}\t${w.key} ${created.commandKey}\n`,
        );
      },
    );
  siren
    .command('import')
    .description(w.import)
    .argument('<file>', w.file)
    .option('--demo', w.demoMany)
    .action(async (file: string, o: { demo?: boolean }) => {
      const inputs = readSirenFile(file, w);
      const created = await withContext((ctx) =>
        createSirens(
          ctx,
          cliActor(),
          inputs.map((i) => ({ ...i, demo: Boolean(o.demo) })),
        ),
      );
      for (const c of created) process.stdout.write(`${c.siren.topicPrefix}\t${c.commandKey}\n`);
    });
  siren
    .command('list')
    .description(w.list)
    .option('--json', w.json)
    .action(async (o: { json?: boolean }) => {
      const sirens = await withContext((ctx) => listSirens(ctx));
      if (o.json) return void process.stdout.write(`${JSON.stringify(sirens, null, 2)}\n`);
      for (const s of sirens)
        process.stdout.write(
          [
            s.topicPrefix,
            s.name[lang] || s.name.en,
            `${s.lat.toFixed(5)},${s.lon.toFixed(5)}`,
            s.purpose,
            w.battery(s.battery),
            s.mains === null ? w.mainsUnknown : s.mains ? w.mains : w.onBattery,
            s.fault ? w.fault(s.fault) : w.noFault,
            s.demo ? 'DEMO' : '',
          ]
            .filter(Boolean)
            .join('\t') + '\n',
        );
    });
  siren
    .command('simulate')
    .description(w.simulate)
    .requiredOption('--url <mqtt-url>', w.url)
    .requiredOption('--prefix <topic>', w.simPrefix)
    .requiredOption('--key <key>', w.simKey)
    .option('--silent', w.silent)
    .option('--ack-twice', w.ackTwice)
    .option('--battery <percent>', w.simBattery, number('battery', w), 100)
    .option('--on-battery', w.simOnBattery)
    .option('--fault <text>', w.simFault)
    .action(
      async (o: {
        url: string;
        prefix: string;
        key: string;
        silent?: boolean;
        ackTwice?: boolean;
        battery: number;
        onBattery?: boolean;
        fault?: string;
      }) => {
        const stop = await runSirenSimulator({
          url: o.url,
          prefix: o.prefix,
          key: o.key,
          silent: Boolean(o.silent),
          ackTwice: Boolean(o.ackTwice),
          battery: o.battery,
          mains: !o.onBattery,
          fault: o.fault ?? null,
        });
        await new Promise<void>((resolve) => {
          process.once('SIGTERM', resolve);
          process.once('SIGINT', resolve);
        });
        await stop();
      },
    );
}
