import type { LayerSpecification } from 'maplibre-gl';

/** The overlay's one GeoJSON source and the drawing's. */
export const OVERLAY = 'dabyl-overlay';
export const DRAFT = 'dabyl-draft';

/*
 * Colours chosen to read on the pale basemap and to stay apart for red–green colour blindness:
 * closures are also dashed and cordons also thicker, so colour is never the only cue.
 */
const CLOSURE = '#c92a2a';
const CORDON = '#e8590c';
const ZONE = '#1c7ed6';
const VENUE = '#5f3dc4';
/** Reports are filled dots and observations rings, so shape tells them apart as well as colour. */
const REPORT = '#2b8a3e';
const OBSERVATION = '#e67700';
/** The selected feature: near-black, which no kind uses. */
const SELECTED = '#212529';
/** The shape being drawn: cyan, which no kind uses either. */
const DRAWING = '#0b7285';

const isPolygon = ['==', ['geometry-type'], 'Polygon'] as const;
const isLine = ['==', ['geometry-type'], 'LineString'] as const;
const byStyle = (...pairs: string[]) => ['match', ['get', 'style'], ...pairs, ZONE] as never;
const selectedOr = (value: unknown) => ['case', ['get', 'selected'], SELECTED, value] as never;

/** Overlay layers, bottom to top: fills, outlines and lines, venue points, venue names, zone labels. */
export const OVERLAY_LAYERS: LayerSpecification[] = [
  {
    id: 'dabyl-fill',
    type: 'fill',
    source: OVERLAY,
    filter: isPolygon as never,
    paint: {
      'fill-color': byStyle('closure', CLOSURE, 'cordon', CORDON, 'footprint', VENUE),
      'fill-opacity': ['case', ['get', 'selected'], 0.35, 0.18],
    },
  },
  {
    id: 'dabyl-outline',
    type: 'line',
    source: OVERLAY,
    filter: ['all', isPolygon, ['!=', ['get', 'style'], 'closure']] as never,
    paint: {
      'line-color': selectedOr(byStyle('cordon', CORDON, 'footprint', VENUE)),
      'line-width': ['match', ['get', 'style'], 'cordon', 3.5, 2] as never,
    },
  },
  {
    id: 'dabyl-closure',
    type: 'line',
    source: OVERLAY,
    filter: ['any', isLine, ['all', isPolygon, ['==', ['get', 'style'], 'closure']]] as never,
    layout: { 'line-cap': 'butt', 'line-join': 'round' },
    paint: {
      'line-color': selectedOr(byStyle('closure', CLOSURE, 'cordon', CORDON)),
      'line-width': 4,
      'line-dasharray': [2, 1],
    },
  },
  {
    id: 'dabyl-venue',
    type: 'circle',
    source: OVERLAY,
    filter: ['==', ['get', 'style'], 'venue'],
    paint: {
      'circle-radius': 7,
      'circle-color': selectedOr(VENUE),
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  },
  {
    id: 'dabyl-sighting',
    type: 'circle',
    source: OVERLAY,
    filter: ['in', ['get', 'style'], ['literal', ['report', 'observation']]] as never,
    paint: {
      'circle-radius': ['case', ['get', 'selected'], 8, 6] as never,
      'circle-color': ['match', ['get', 'style'], 'report', selectedOr(REPORT), '#ffffff'] as never,
      'circle-stroke-color': [
        'match',
        ['get', 'style'],
        'report',
        '#ffffff',
        selectedOr(OBSERVATION),
      ] as never,
      'circle-stroke-width': ['match', ['get', 'style'], 'report', 2, 3.5] as never,
    },
  },
  {
    id: 'dabyl-venue-name',
    type: 'symbol',
    source: OVERLAY,
    filter: ['==', ['get', 'style'], 'venue'],
    layout: {
      'text-field': ['get', 'name'],
      'text-font': ['DejaVu Sans Bold', 'Arial Bold', 'sans-serif'],
      'text-size': 13,
      'text-anchor': 'top',
      'text-offset': [0, 0.8],
      'text-max-width': 12,
    },
    paint: { 'text-color': '#1a1b1e', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  },
  // Written inside the zones that carry a label (see `MapZone.label`); the others stay unnamed.
  {
    id: 'dabyl-zone-label',
    type: 'symbol',
    source: OVERLAY,
    filter: ['==', ['get', 'style'], 'label'],
    layout: {
      'text-field': ['get', 'label'],
      'text-font': ['DejaVu Sans Bold', 'Arial Bold', 'sans-serif'],
      'text-size': 13,
      'text-max-width': 14,
    },
    paint: { 'text-color': '#1a1b1e', 'text-halo-color': '#ffffff', 'text-halo-width': 2 },
  },
];

/** The shape being drawn: its fill, its edges, and a handle on every vertex. */
export const DRAFT_LAYERS: LayerSpecification[] = [
  {
    id: 'dabyl-draft-fill',
    type: 'fill',
    source: DRAFT,
    filter: isPolygon as never,
    paint: { 'fill-color': DRAWING, 'fill-opacity': 0.2 },
  },
  {
    id: 'dabyl-draft-line',
    type: 'line',
    source: DRAFT,
    filter: ['any', isLine, isPolygon] as never,
    paint: { 'line-color': DRAWING, 'line-width': 2.5 },
  },
  {
    id: 'dabyl-draft-vertex',
    type: 'circle',
    source: DRAFT,
    filter: ['==', ['geometry-type'], 'Point'],
    paint: {
      'circle-radius': ['case', ['get', 'active'], 7, 5.5] as never,
      'circle-color': '#ffffff',
      'circle-stroke-color': DRAWING,
      'circle-stroke-width': 3,
    },
  },
];
