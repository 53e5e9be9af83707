import { loadGeoJsonAreas } from '../area/geojson.load.js';
import { AreaError } from '../area/area.error.js';
import type { FieldFault } from '../messages/catalogue.js';

/** What a venue footprint or a zone may be drawn as. */
export type PlanGeometry =
  | { type: 'Point'; coordinates: [number, number] }
  | { type: 'LineString'; coordinates: [number, number][] }
  | { type: 'MultiLineString'; coordinates: [number, number][][] }
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

const isPair = (p: unknown): p is [number, number] =>
  Array.isArray(p) &&
  p.length >= 2 &&
  typeof p[0] === 'number' &&
  typeof p[1] === 'number' &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]);

/**
 * What is wrong with a geometry: the checker's own English, and the same as a catalogue fault so
 * Kazakh and Russian readers get it in their words. `at` is the GeoJSON path, `coordinates[1][0]`.
 */
export interface GeometryProblem {
  error: string;
  fault: FieldFault;
}

const problem = (error: string, fault: FieldFault): GeometryProblem => ({ error, fault });

function checkPosition(p: unknown, where: string, at: string): GeometryProblem | null {
  if (!isPair(p))
    return problem(`${where} is not a [longitude, latitude] pair`, {
      problem: 'not_lon_lat_pair',
      params: { at },
    });
  const [lon, lat] = p;
  if (lon < -180 || lon > 180)
    return problem(`${where} has longitude ${lon} outside −180…180`, {
      problem: 'longitude_out_of_range',
      params: { at, value: lon },
    });
  if (lat < -90 || lat > 90)
    return problem(`${where} has latitude ${lat} outside −90…90 (are longitude and latitude swapped?)`, {
      problem: 'latitude_out_of_range',
      params: { at, value: lat },
    });
  return null;
}

function checkLine(line: unknown, where: string, at: string): GeometryProblem | null {
  if (!Array.isArray(line) || line.length < 2)
    return problem(`${where} needs at least two positions`, { problem: 'line_too_short', params: { at } });
  for (let i = 0; i < line.length; i++) {
    const p = checkPosition(line[i], `${where} position ${i}`, `${at}[${i}]`);
    if (p) return p;
  }
  return null;
}

/**
 * Checks a GeoJSON geometry a planner drew or imported and returns it typed, or a sentence naming
 * the problem. Polygons go through the area engine's checks (closed rings, no self-intersection,
 * holes inside their shell); `plausible` catches swapped axes for places in the given box.
 */
export function checkGeometry(
  input: unknown,
  field: string,
  allowed: readonly PlanGeometry['type'][],
  plausible?: { minLon: number; minLat: number; maxLon: number; maxLat: number },
): PlanGeometry | GeometryProblem {
  if (!input || typeof input !== 'object')
    return problem(`${field} must be a GeoJSON geometry object`, { problem: 'not_geojson_geometry' });
  const g = input as { type?: unknown; coordinates?: unknown };
  if (typeof g.type !== 'string' || !(allowed as readonly string[]).includes(g.type)) {
    return problem(`${field} must be a GeoJSON ${allowed.join(', ')}, not ${String(g.type)}`, {
      problem: 'geometry_kind',
      params: { allowed: allowed.join(', '), kind: String(g.type) },
    });
  }
  const type = g.type as PlanGeometry['type'];
  let found: GeometryProblem | null = null;
  if (type === 'Point') found = checkPosition(g.coordinates, field, 'coordinates');
  else if (type === 'LineString') found = checkLine(g.coordinates, field, 'coordinates');
  else if (type === 'MultiLineString') {
    if (!Array.isArray(g.coordinates) || g.coordinates.length === 0)
      found = problem(`${field} has no lines`, { problem: 'no_lines' });
    else
      for (let i = 0; i < g.coordinates.length && !found; i++)
        found = checkLine(g.coordinates[i], `${field} line ${i}`, `coordinates[${i}]`);
  } else {
    try {
      loadGeoJsonAreas({ type, coordinates: g.coordinates });
    } catch (err) {
      // The area engine's findings are many and precise; they keep their English detail.
      if (err instanceof AreaError)
        return problem(`${field}: ${err.detail}`, { problem: 'not_valid_geometry' });
      throw err;
    }
  }
  if (found) return found;
  if (
    plausible &&
    !withinBox(g as PlanGeometry, plausible) &&
    withinBox(swap(g as PlanGeometry), plausible)
  ) {
    return problem(
      `${field} lies outside the expected region, but would lie inside with longitude and latitude swapped`,
      { problem: 'axes_swapped' },
    );
  }
  return g as PlanGeometry;
}

function positions(g: PlanGeometry): [number, number][] {
  switch (g.type) {
    case 'Point':
      return [g.coordinates];
    case 'LineString':
      return g.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return g.coordinates.flat();
    case 'MultiPolygon':
      return g.coordinates.flat(2);
  }
}

function withinBox(
  g: PlanGeometry,
  b: { minLon: number; minLat: number; maxLon: number; maxLat: number },
): boolean {
  return positions(g).every(
    ([lon, lat]) => lon >= b.minLon && lon <= b.maxLon && lat >= b.minLat && lat <= b.maxLat,
  );
}

function swap(g: PlanGeometry): PlanGeometry {
  const s = (p: [number, number]): [number, number] => [p[1], p[0]];
  switch (g.type) {
    case 'Point':
      return { type: 'Point', coordinates: s(g.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: g.coordinates.map(s) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: g.coordinates.map((l) => l.map(s)) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(s)) };
    case 'MultiPolygon':
      return { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(s))) };
  }
}

/** Kazakhstan's extent, for catching swapped axes in the seed scenario's places. */
export const KAZAKHSTAN_BOX = { minLon: 46.4, minLat: 40.5, maxLon: 87.4, maxLat: 55.5 };
