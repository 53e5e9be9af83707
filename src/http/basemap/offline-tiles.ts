/**
 * The packaged offline basemap cut into vector tiles here, so that a map fetches the few small tiles
 * in view instead of its 4.8 MB of GeoJSON, which the browser had to parse and index whole before
 * the first draw (2–3 s for the exercise map in bench/console.bench.ts; the target is 1 s).
 */
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { FeatureCollection } from 'geojson';
import { bytesPayload, type Payload } from './payload.js';

/** The layers of every tile, named as the style's `source-layer`s. */
export const OFFLINE_LAYERS = ['countries', 'borders', 'cities'] as const;
export type OfflineLayer = (typeof OFFLINE_LAYERS)[number];

/**
 * The deepest zoom cut: 1:50m data holds no more detail, and MapLibre draws deeper zooms from these
 * tiles scaled up.
 */
export const OFFLINE_MAX_ZOOM = 8;

const VECTOR_TILE = 'application/vnd.mapbox-vector-tile';

/** Tiles kept once cut and encoded: a city's surroundings at every zoom are a few dozen. */
const KEPT = 2048;

export interface OfflineTiles {
  /** The tile's protocol-buffer bytes, or null where no layer has anything (open sea). */
  tile(z: number, x: number, y: number): Payload | null;
}

export function offlineTiles(layers: Record<OfflineLayer, FeatureCollection>): OfflineTiles {
  const indexes = OFFLINE_LAYERS.map(
    (name) =>
      [
        name,
        new GeoJSONVT(layers[name], {
          maxZoom: OFFLINE_MAX_ZOOM,
          indexMaxZoom: 4,
          tolerance: 3,
          extent: 4096,
          buffer: 64,
        }),
      ] as const,
  );
  const kept = new Map<string, Payload | null>();
  return {
    tile(z, x, y) {
      const key = `${z}/${x}/${y}`;
      const known = kept.get(key);
      if (known !== undefined) {
        kept.delete(key);
        kept.set(key, known);
        return known;
      }
      const cut: Record<string, NonNullable<ReturnType<GeoJSONVT['getTile']>>> = {};
      for (const [name, index] of indexes) {
        const part = index.getTile(z, x, y);
        if (part && part.features.length > 0) cut[name] = part;
      }
      const tile =
        Object.keys(cut).length > 0
          ? bytesPayload(Buffer.from(fromGeojsonVt(cut, { version: 2, extent: 4096 })), VECTOR_TILE)
          : null;
      kept.set(key, tile);
      if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
      return tile;
    },
  };
}
