import { boundaryRepository } from '../../store/boundary.repository.js';
import { importBoundarySet } from '../boundaries/boundaries.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../context.js';

/** The demo's boundary set; `approximate`, so the console says so wherever one is picked. */
export const DEMO_BOUNDARY_SET = 'demo-approximate';

type Outline = [number, number][];

const feature = (
  code: string,
  level: 'region' | 'district' | 'city',
  region: string,
  names: { kk: string; ru: string; en: string },
  ring: Outline,
) => ({
  type: 'Feature' as const,
  properties: { code, level, region, 'name:kk': names.kk, 'name:ru': names.ru, 'name:en': names.en },
  geometry: { type: 'Polygon' as const, coordinates: [ring] },
});

/*
 * APPROXIMATE OUTLINES, drawn by hand for the demo as coarse polygons of 10–14 points from rough
 * coordinates [lon, lat]: they are NOT the official boundaries of these cities and districts and
 * must never target a real alert. The three Almaty districts lie inside the city's outline and do
 * not overlap one another; the gaps between them are other districts the demo leaves out.
 */
const ALMATY: Outline = [
  [76.76, 43.18],
  [76.84, 43.16],
  [76.93, 43.15],
  [77.0, 43.17],
  [77.06, 43.2],
  [77.1, 43.26],
  [77.09, 43.33],
  [77.04, 43.38],
  [76.96, 43.4],
  [76.87, 43.39],
  [76.8, 43.35],
  [76.76, 43.29],
  [76.75, 43.23],
  [76.76, 43.18],
];
const MEDEU: Outline = [
  [76.962, 43.2],
  [76.99, 43.175],
  [77.03, 43.18],
  [77.055, 43.215],
  [77.08, 43.25],
  [77.06, 43.29],
  [77.01, 43.3],
  [76.97, 43.285],
  [76.96, 43.26],
  [76.962, 43.23],
  [76.962, 43.2],
];
const BOSTANDYQ: Outline = [
  [76.86, 43.2],
  [76.88, 43.175],
  [76.91, 43.165],
  [76.945, 43.17],
  [76.958, 43.2],
  [76.955, 43.236],
  [76.935, 43.234],
  [76.905, 43.236],
  [76.88, 43.238],
  [76.862, 43.225],
  [76.86, 43.2],
];
const ALMALY: Outline = [
  [76.88, 43.24],
  [76.905, 43.238],
  [76.935, 43.236],
  [76.955, 43.238],
  [76.958, 43.255],
  [76.955, 43.272],
  [76.93, 43.275],
  [76.9, 43.274],
  [76.882, 43.262],
  [76.88, 43.24],
];
const ASTANA: Outline = [
  [71.28, 51.05],
  [71.38, 51.01],
  [71.5, 51.02],
  [71.6, 51.06],
  [71.65, 51.13],
  [71.63, 51.21],
  [71.55, 51.27],
  [71.43, 51.28],
  [71.33, 51.25],
  [71.26, 51.19],
  [71.25, 51.12],
  [71.28, 51.05],
];
const SHYMKENT: Outline = [
  [69.48, 42.24],
  [69.57, 42.2],
  [69.67, 42.22],
  [69.74, 42.28],
  [69.75, 42.36],
  [69.7, 42.43],
  [69.6, 42.45],
  [69.51, 42.42],
  [69.46, 42.35],
  [69.45, 42.29],
  [69.48, 42.24],
];
const KARAGANDA: Outline = [
  [72.98, 49.76],
  [73.06, 49.72],
  [73.17, 49.73],
  [73.27, 49.77],
  [73.3, 49.83],
  [73.26, 49.89],
  [73.16, 49.92],
  [73.05, 49.91],
  [72.97, 49.87],
  [72.95, 49.81],
  [72.98, 49.76],
];

/** The demo's approximate outlines as the GeoJSON an administrator would import. */
export const DEMO_BOUNDARIES = {
  type: 'FeatureCollection' as const,
  features: [
    feature(
      'almaty',
      'city',
      'KZ-75',
      { kk: 'Алматы қаласы', ru: 'город Алматы', en: 'Almaty city' },
      ALMATY,
    ),
    feature(
      'almaty-medeu',
      'district',
      'KZ-75',
      { kk: 'Медеу ауданы', ru: 'Медеуский район', en: 'Medeu district' },
      MEDEU,
    ),
    feature(
      'almaty-bostandyq',
      'district',
      'KZ-75',
      { kk: 'Бостандық ауданы', ru: 'Бостандыкский район', en: 'Bostandyq district' },
      BOSTANDYQ,
    ),
    feature(
      'almaty-almaly',
      'district',
      'KZ-75',
      { kk: 'Алмалы ауданы', ru: 'Алмалинский район', en: 'Almaly district' },
      ALMALY,
    ),
    feature(
      'astana',
      'city',
      'KZ-71',
      { kk: 'Астана қаласы', ru: 'город Астана', en: 'Astana city' },
      ASTANA,
    ),
    feature(
      'shymkent',
      'city',
      'KZ-79',
      { kk: 'Шымкент қаласы', ru: 'город Шымкент', en: 'Shymkent city' },
      SHYMKENT,
    ),
    feature(
      'karaganda',
      'city',
      'KZ-35',
      { kk: 'Қарағанды қаласы', ru: 'город Караганда', en: 'Karaganda city' },
      KARAGANDA,
    ),
  ],
};

/** Imports the demo's approximate set once; a set an administrator already has under its name is kept. */
export async function loadDemoBoundaries(ctx: AppContext): Promise<void> {
  if (await boundaryRepository.set(ctx.db.kysely, DEMO_BOUNDARY_SET)) return;
  await importBoundarySet(ctx, SYSTEM_ACTOR, DEMO_BOUNDARY_SET, {
    approximate: true,
    geojson: DEMO_BOUNDARIES,
  });
}
