import { createSiren, listSirens } from '../sirens/sirens.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../context.js';

/**
 * A handful of sirens in Almaty and Karaganda, marked as demo data: their places are approximate
 * and no controller listens under their topics until one is simulated (`dabyl siren simulate`).
 * Their command keys are made and sealed like any other; an administrator rotates one to hand it
 * to a simulator.
 */
const DEMO_SIRENS = [
  {
    prefix: 'demo/almaty/medeu-1',
    lon: 76.9572,
    lat: 43.2389,
    name: {
      kk: 'Медеу ауданы, Республика алаңы',
      ru: 'Медеуский район, площадь Республики',
      en: 'Medeu district, Republic Square',
    },
    org: 'almaty',
  },
  {
    prefix: 'demo/almaty/almaly-1',
    lon: 76.9286,
    lat: 43.2567,
    name: {
      kk: 'Алмалы ауданы, Абай даңғылы',
      ru: 'Алмалинский район, проспект Абая',
      en: 'Almaly district, Abay Avenue',
    },
    org: 'almaty',
  },
  {
    prefix: 'demo/almaty/bostandyk-1',
    lon: 76.9089,
    lat: 43.2206,
    name: {
      kk: 'Бостандық ауданы, Әл-Фараби даңғылы',
      ru: 'Бостандыкский район, проспект аль-Фараби',
      en: 'Bostandyk district, Al-Farabi Avenue',
    },
    org: 'almaty',
  },
  {
    prefix: 'demo/karaganda/centre-1',
    lon: 73.0877,
    lat: 49.8019,
    name: {
      kk: 'Қарағанды, Орталық алаң',
      ru: 'Караганда, Центральная площадь',
      en: 'Karaganda, Central Square',
    },
    org: 'karaganda',
  },
  {
    prefix: 'demo/karaganda/maikuduk-1',
    lon: 73.2633,
    lat: 49.8247,
    name: { kk: 'Қарағанды, Майқұдық', ru: 'Караганда, Майкудук', en: 'Karaganda, Maikuduk' },
    org: 'karaganda',
  },
  {
    prefix: 'demo/karaganda/range-1',
    lon: 73.1802,
    lat: 49.7431,
    name: {
      kk: 'Қарағанды оқу полигоны',
      ru: 'Карагандинский учебный полигон',
      en: 'Karaganda training range',
    },
    org: 'karaganda',
    purpose: 'exercise' as const,
  },
];

/** Adds the demo sirens missing (looked up by topic prefix); returns how many were added. */
export async function loadDemoSirens(ctx: AppContext, orgIds: ReadonlyMap<string, string>): Promise<number> {
  const have = new Set((await listSirens(ctx)).map((s) => s.topicPrefix));
  const karaganda = orgIds.get('ESD Karaganda') ?? null;
  let added = 0;
  for (const s of DEMO_SIRENS) {
    if (have.has(s.prefix)) continue;
    await createSiren(ctx, SYSTEM_ACTOR, {
      name: s.name,
      lon: s.lon,
      lat: s.lat,
      topicPrefix: s.prefix,
      purpose: s.purpose ?? 'public',
      organisationId: s.org === 'karaganda' ? karaganda : null,
      demo: true,
    });
    added++;
  }
  return added;
}
