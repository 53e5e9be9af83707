import type { Geometry, Position } from 'geojson';
import { buildCountries } from '../../basemap/offline-data.js';
import type { LonLat } from './projection.js';

/** A country's outer and inner rings, lon/lat. */
export interface LandShape {
  name: string;
  rings: LonLat[][];
  /** For skipping countries far outside a map's view without projecting them. */
  west: number;
  south: number;
  east: number;
  north: number;
}

let shapes: LandShape[] | null = null;

function ringsOf(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

/**
 * Country outlines from the basemap the console's map already ships (Natural Earth 1:50m via
 * world-atlas): the land under the public site's maps. Built once per process.
 */
export function landShapes(): LandShape[] {
  if (shapes) return shapes;
  shapes = [];
  for (const feature of buildCountries().countries.features) {
    if (feature.properties?.label) continue;
    const rings = ringsOf(feature.geometry).map((r) => r.map((p) => [p[0]!, p[1]!] as const));
    const all = rings.flat();
    if (all.length === 0) continue;
    shapes.push({
      name: String(feature.properties?.name ?? ''),
      rings,
      west: Math.min(...all.map((p) => p[0])),
      east: Math.max(...all.map((p) => p[0])),
      south: Math.min(...all.map((p) => p[1])),
      north: Math.max(...all.map((p) => p[1])),
    });
  }
  return shapes;
}
