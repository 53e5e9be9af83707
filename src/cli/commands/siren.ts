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
import { CliFailure, EXIT } from '../output.js';
import { runSirenSimulator } from '../siren-simulator.js';

const number = (field: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliFailure(`${field}: "${v}" is not a number`, EXIT.usage);
  return n;
};

/** Sirens from a GeoJSON FeatureCollection of Points, or a CSV with a header row. */
export function readSirenFile(file: string): SirenInput[] {
  const text = readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) {
    const [head, ...lines] = text.split(/\r?\n/).filter((l) => l.trim());
    const cols = (head ?? '').split(',').map((c) => c.trim());
    return lines.map((line, i) => {
      const cells = line.split(',').map((c) => c.trim());
      const get = (c: string) => cells[cols.indexOf(c)] ?? '';
      const where = `line ${i + 2}`;
      return input(
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
  if (!Array.isArray(doc.features))
    throw new CliFailure(`${file}: not a GeoJSON FeatureCollection`, EXIT.usage);
  return doc.features.map(
    (f: { geometry?: { type?: string; coordinates?: number[] }; properties?: Record<string, string> }, i) => {
      const where = `feature ${i}`;
      if (f.geometry?.type !== 'Point') throw new CliFailure(`${where}: a siren is a Point`, EXIT.usage);
      const p = f.properties ?? {};
      const [lon, lat] = f.geometry.coordinates ?? [];
      return input(
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
  where: string,
  name: SirenInput['name'],
  lon: number,
  lat: number,
  prefix: string,
  purpose: string,
): SirenInput {
  if (purpose && !(SIREN_PURPOSES as readonly string[]).includes(purpose))
    throw new CliFailure(`${where}: purpose must be one of ${SIREN_PURPOSES.join(', ')}`, EXIT.usage);
  return { name, lon, lat, topicPrefix: prefix, purpose: (purpose || 'public') as SirenInput['purpose'] };
}

/**
 * `dabyl siren add|list|import|simulate`: the siren registry from the command line, and a siren
 * controller simulator that runs as its own process.
 */
export function registerSirenCommands(program: Command): void {
  const siren = program.command('siren').description('the siren registry, and a siren-controller simulator');
  siren
    .command('add')
    .description('register a siren; prints its id and the command key its controller needs (shown once)')
    .requiredOption('--name-kk <name>', 'its name in Kazakh')
    .requiredOption('--name-ru <name>', 'its name in Russian')
    .requiredOption('--name-en <name>', 'its name in English')
    .requiredOption('--lon <degrees>', 'longitude (WGS84)', number('lon'))
    .requiredOption('--lat <degrees>', 'latitude (WGS84)', number('lat'))
    .requiredOption('--prefix <topic>', 'the MQTT topic prefix its controller listens under')
    .option('--purpose <purpose>', `${SIREN_PURPOSES.join(' or ')}`, 'public')
    .option('--organisation <id>', 'the organisation that owns it')
    .option('--demo', 'mark it as demo data, not a real siren')
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
              'siren',
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
          `${created.siren.id}\t${created.siren.topicPrefix}\tkey ${created.commandKey}\n`,
        );
      },
    );
  siren
    .command('import')
    .description("register the sirens of a GeoJSON (Points) or CSV file; prints each one's prefix and key")
    .argument(
      '<file>',
      'a .geojson/.json FeatureCollection, or a .csv with name_kk,name_ru,name_en,lon,lat,prefix,purpose',
    )
    .option('--demo', 'mark them as demo data')
    .action(async (file: string, o: { demo?: boolean }) => {
      const inputs = readSirenFile(file);
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
    .description('list the registered sirens and what each last reported')
    .option('--json', 'as JSON')
    .action(async (o: { json?: boolean }) => {
      const sirens = await withContext((ctx) => listSirens(ctx));
      if (o.json) return void process.stdout.write(`${JSON.stringify(sirens, null, 2)}\n`);
      for (const s of sirens)
        process.stdout.write(
          [
            s.topicPrefix,
            s.name.en,
            `${s.lat.toFixed(5)},${s.lon.toFixed(5)}`,
            s.purpose,
            s.battery === null ? 'battery ?' : `battery ${s.battery}%`,
            s.mains === null ? 'mains ?' : s.mains ? 'mains' : 'on battery',
            s.fault ? `fault: ${s.fault}` : 'no fault',
            s.demo ? 'DEMO' : '',
          ]
            .filter(Boolean)
            .join('\t') + '\n',
        );
    });
  siren
    .command('simulate')
    .description('run a siren controller that acknowledges commands and reports its state, until stopped')
    .requiredOption('--url <mqtt-url>', 'the broker, e.g. mqtt://127.0.0.1:1883')
    .requiredOption('--prefix <topic>', 'the topic prefix of the siren it plays')
    .requiredOption('--key <key>', 'the command key `siren add` printed')
    .option('--silent', 'hear commands but never acknowledge them')
    .option('--ack-twice', 'acknowledge every command twice')
    .option('--battery <percent>', 'the battery charge it reports', number('battery'), 100)
    .option('--on-battery', 'report mains power lost')
    .option('--fault <text>', 'report a fault')
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
