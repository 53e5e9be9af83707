/**
 * The packaged offline basemap as a MapLibre style. It has no `glyphs` URL on purpose: MapLibre 5
 * then draws every label itself from the machine's fonts (see docs/decisions/0007-basemap.md),
 * so Latin, Cyrillic and Kazakh names show without a font server.
 */

import { OFFLINE_MAX_ZOOM } from './offline-tiles.js';

export const BASEMAP_PATH = '/basemap';

/** The one source of the offline style: this server's vector tiles of its packaged layers. */
const OFFLINE = 'offline';

/** Font families tried in order by the browser; the last resort is the generic sans-serif. */
const FONT = ['DejaVu Sans', 'Liberation Sans', 'Arial', 'Noto Sans'];
const FONT_BOLD = FONT.map((f) => `${f} Bold`);

const SEA = '#cfe3f3';
const LAND = '#f4f1ea';
const COAST = '#8fb1cc';
const BORDER = '#9c8f80';
const TEXT = '#3d3d3d';
const HALO = 'rgba(255,255,255,0.9)';

const isLabel = ['has', 'label'];

/** The languages a style is made in; the map's labels follow the reader's. */
export const STYLE_LANGS = ['kk', 'ru', 'en'] as const;
export type StyleLang = (typeof STYLE_LANGS)[number];

/**
 * A feature's name in `lang`: the packaged layers' `name_kk`/`name_ru` (place-names.ts), OpenMapTiles'
 * `name:kk`/`name:ru` in a configured archive, else the name as the data has it.
 */
export function labelIn(lang: StyleLang): unknown[] {
  if (lang === 'en') return ['coalesce', ['get', 'name:en'], ['get', 'name']];
  return ['coalesce', ['get', `name_${lang}`], ['get', `name:${lang}`], ['get', 'name']];
}

function cityLayers(rank: number, minzoom: number, size: number, lang: StyleLang) {
  const filter = ['==', ['get', 'rank'], rank];
  return [
    {
      id: `city-dot-${rank}`,
      type: 'circle',
      source: OFFLINE,
      'source-layer': 'cities',
      minzoom,
      filter,
      paint: {
        'circle-radius': size / 4,
        'circle-color': '#555555',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: `city-name-${rank}`,
      type: 'symbol',
      source: OFFLINE,
      'source-layer': 'cities',
      minzoom,
      filter,
      layout: {
        'text-field': labelIn(lang),
        'text-font': rank === 1 ? FONT_BOLD : FONT,
        'text-size': size,
        'text-anchor': 'left',
        'text-offset': [0.5, 0],
        'text-optional': true,
      },
      paint: { 'text-color': TEXT, 'text-halo-color': HALO, 'text-halo-width': 1.5 },
    },
  ];
}

/**
 * A complete style whose source is this server's vector tiles of `/basemap/*.geojson`
 * (offline-tiles.ts), its labels in `lang`.
 */
export function offlineStyle(lang: StyleLang = 'en'): Record<string, unknown> {
  return {
    version: 8,
    name: 'Dabyl offline basemap',
    metadata: { 'dabyl:offline': true },
    sources: {
      [OFFLINE]: {
        type: 'vector',
        tiles: [`${BASEMAP_PATH}/offline/{z}/{x}/{y}.pbf`],
        minzoom: 0,
        maxzoom: OFFLINE_MAX_ZOOM,
        attribution: 'Natural Earth | GeoNames (CC BY 4.0)',
      },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': SEA } },
      {
        id: 'land',
        type: 'fill',
        source: OFFLINE,
        'source-layer': 'countries',
        filter: ['!', isLabel],
        paint: { 'fill-color': LAND },
      },
      {
        id: 'coast',
        type: 'line',
        source: OFFLINE,
        'source-layer': 'countries',
        filter: ['!', isLabel],
        paint: { 'line-color': COAST, 'line-width': 0.8 },
      },
      {
        id: 'borders',
        type: 'line',
        source: OFFLINE,
        'source-layer': 'borders',
        paint: {
          'line-color': BORDER,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.8, 8, 2],
          'line-dasharray': [4, 2],
        },
      },
      {
        id: 'country-name',
        type: 'symbol',
        source: OFFLINE,
        'source-layer': 'countries',
        filter: isLabel,
        maxzoom: 7,
        layout: {
          'text-field': labelIn(lang),
          'text-font': FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 2, 11, 6, 15],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.1,
          'text-max-width': 8,
        },
        paint: { 'text-color': '#7a6f63', 'text-halo-color': HALO, 'text-halo-width': 1.5 },
      },
      ...cityLayers(3, 7, 11, lang),
      ...cityLayers(2, 4, 12, lang),
      ...cityLayers(1, 3, 14, lang),
    ],
  };
}
