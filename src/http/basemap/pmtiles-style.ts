/**
 * The map style for a DABYL_BASEMAP archive: the packaged offline style, with the archive's tiles
 * drawn over the land and under the place names, through this server's tile endpoint, so MapLibre
 * needs no PMTiles plugin. Outside the archive's bounds and zooms the offline layers still show.
 */
import type { PmtilesHeader } from '../../core/pmtiles/header.js';
import { BASEMAP_PATH, labelIn, offlineStyle, type StyleLang } from './style.js';
import { TILE_FORMATS } from './tiles.js';

type Layer = Record<string, unknown>;

const SOURCE = 'archive';
const WATER = '#cfe3f3';
const WATER_LINE = '#8fb1cc';

/** The layers a vector archive's metadata lists (`vector_layers`, as tippecanoe and planetiler write). */
function vectorLayerIds(metadata: Record<string, unknown>): string[] {
  const layers = metadata.vector_layers;
  if (!Array.isArray(layers)) return [];
  return layers
    .map((l) => (typeof l === 'object' && l !== null ? (l as { id?: unknown }).id : undefined))
    .filter((id): id is string => typeof id === 'string');
}

/** Colours guessed from the layer's name: water blue, green for parks and land cover, grey for the rest. */
function colours(id: string): { fill: string; line: string; width: number } {
  if (/water|ocean|sea|lake|river/i.test(id)) return { fill: WATER, line: WATER_LINE, width: 1 };
  if (/park|green|wood|forest|landcover|natural/i.test(id))
    return { fill: '#dcebd2', line: '#b7d3a6', width: 0.5 };
  if (/building/i.test(id)) return { fill: '#e2dcd3', line: '#cfc6ba', width: 0.5 };
  if (/road|transport|street|highway|rail/i.test(id)) return { fill: '#ffffff', line: '#b9b2a8', width: 1.5 };
  if (/boundar|admin/i.test(id)) return { fill: 'rgba(0,0,0,0)', line: '#9c8f80', width: 1 };
  return { fill: '#ece7de', line: '#c9c1b5', width: 0.7 };
}

/** One fill, one line and one label layer per vector layer, each limited to its geometry type. */
function vectorLayers(ids: string[], lang: StyleLang): Layer[] {
  return ids.flatMap((id) => {
    const c = colours(id);
    const base = { source: SOURCE, 'source-layer': id };
    return [
      {
        id: `${SOURCE}-${id}-fill`,
        type: 'fill',
        ...base,
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': c.fill },
      },
      {
        id: `${SOURCE}-${id}-line`,
        type: 'line',
        ...base,
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': c.line, 'line-width': c.width },
      },
      {
        id: `${SOURCE}-${id}-name`,
        type: 'symbol',
        ...base,
        filter: ['all', ['has', 'name'], ['!=', ['geometry-type'], 'Polygon']],
        layout: {
          'text-field': labelIn(lang),
          'text-size': 11,
          'text-optional': true,
        },
        paint: {
          'text-color': '#3d3d3d',
          'text-halo-color': 'rgba(255,255,255,0.9)',
          'text-halo-width': 1.2,
        },
      },
    ];
  });
}

/** The style for an archive whose header and metadata are given. */
export function pmtilesStyle(
  header: PmtilesHeader,
  metadata: Record<string, unknown>,
  lang: StyleLang = 'en',
): Record<string, unknown> {
  const style = offlineStyle(lang);
  const format = TILE_FORMATS[header.tileType as keyof typeof TILE_FORMATS];
  const vector = header.tileType === 'mvt';
  const attribution = typeof metadata.attribution === 'string' ? metadata.attribution : undefined;
  const source = {
    type: vector ? 'vector' : 'raster',
    tiles: [`${BASEMAP_PATH}/tiles/{z}/{x}/{y}.${format.ext[0]}`],
    minzoom: header.minZoom,
    maxzoom: header.maxZoom,
    bounds: header.bounds,
    ...(vector ? {} : { tileSize: 256 }),
    ...(attribution ? { attribution } : {}),
  };
  const own: Layer[] = vector
    ? vectorLayers(vectorLayerIds(metadata), lang)
    : [{ id: `${SOURCE}-raster`, type: 'raster', source: SOURCE }];
  const layers = style.layers as Layer[];
  const firstLabel = layers.findIndex((l) => l.type === 'symbol');
  layers.splice(firstLabel < 0 ? layers.length : firstLabel, 0, ...own);
  return {
    ...style,
    name: 'Dabyl basemap (PMTiles)',
    sources: { ...(style.sources as Record<string, unknown>), [SOURCE]: source },
    layers,
  };
}
