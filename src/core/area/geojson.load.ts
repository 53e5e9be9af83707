import type { Box, PolygonArea, Ring, ShapeArea } from './area.js';
import { AreaError, type AreaProblem } from './area.error.js';
import { checkParts, checkPolygon } from './polygon.validate.js';
import { checkPosition } from './position.check.js';

/** One administrator-loaded area with what identifies it. */
export interface LoadedFeature {
  /** Position in the input's feature list, from 0. */
  readonly index: number;
  readonly id?: string | number;
  readonly name?: string;
  readonly properties: Readonly<Record<string, unknown>>;
  readonly area: ShapeArea;
}

/** Limits and hints for {@link loadGeoJsonAreas}. */
export interface GeoJsonOptions {
  /** Largest text accepted, in UTF-16 code units (default 64 MiB). */
  readonly maxChars?: number;
  /** Most positions over all features (default 5,000,000). */
  readonly maxPositions?: number;
  /** Property holding a feature's human name (default "name"). */
  readonly nameProperty?: string;
  /** Where areas are expected (e.g. the country): a feature wholly outside it whose swapped
   *  coordinates fall inside is reported as having its axes swapped. */
  readonly plausibleBox?: Box;
}

const MAX_PROBLEMS = 100;

interface Budget {
  positions: number;
}

/**
 * Loads polygons and multipolygons (with holes) from GeoJSON text or parsed JSON: a FeatureCollection,
 * a Feature, or a bare Polygon/MultiPolygon. Every feature is checked; if any is invalid the whole
 * load fails with an {@link AreaError} whose problems name the feature (index, id, name) and what is
 * wrong. Never throws anything else, whatever the input.
 */
export function loadGeoJsonAreas(input: unknown, options: GeoJsonOptions = {}): LoadedFeature[] {
  const problems: AreaProblem[] = [];
  const features = topLevel(parseText(input, options), problems);
  const budget: Budget = { positions: options.maxPositions ?? 5_000_000 };
  const loaded: LoadedFeature[] = [];
  for (let i = 0; i < features.length && problems.length < MAX_PROBLEMS; i++) {
    const feature = loadFeature(features[i], i, options, budget, problems);
    if (feature) loaded.push(feature);
    if (budget.positions < 0) {
      problems.push({ where: 'GeoJSON', problem: 'has more positions than the configured limit' });
      break;
    }
  }
  if (problems.length > 0) throw new AreaError(problems);
  return loaded;
}

function parseText(input: unknown, options: GeoJsonOptions): unknown {
  if (typeof input !== 'string') return input;
  const max = options.maxChars ?? 64 * 1024 * 1024;
  if (input.length > max)
    throw new AreaError([{ where: 'GeoJSON', problem: `is larger than ${max} characters` }]);
  try {
    return JSON.parse(input) as unknown;
  } catch (err) {
    throw new AreaError([{ where: 'GeoJSON', problem: `is not valid JSON (${(err as Error).message})` }]);
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function topLevel(json: unknown, problems: AreaProblem[]): unknown[] {
  if (!isObject(json)) throw new AreaError([{ where: 'GeoJSON', problem: 'is not a JSON object' }]);
  if (json.type === 'FeatureCollection') {
    if (Array.isArray(json.features)) return json.features;
    problems.push({ where: 'FeatureCollection', problem: '"features" is not an array' });
    return [];
  }
  if (json.type === 'Feature') return [json];
  if (json.type === 'Polygon' || json.type === 'MultiPolygon') return [{ type: 'Feature', geometry: json }];
  throw new AreaError([
    {
      where: 'GeoJSON',
      problem: `type ${describe(json.type)} is not FeatureCollection, Feature, Polygon or MultiPolygon`,
    },
  ]);
}

function describe(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.slice(0, 40)) : `of kind ${v === null ? 'null' : typeof v}`;
}

function labelOf(index: number, feature: Record<string, unknown>, nameProperty: string): string {
  const parts = [`feature #${index}`];
  const { id, properties } = feature;
  if (typeof id === 'string' || typeof id === 'number') parts.push(`id ${JSON.stringify(id)}`);
  const name = isObject(properties) ? properties[nameProperty] : undefined;
  if (typeof name === 'string') parts.push(`name ${JSON.stringify(name.slice(0, 80))}`);
  return parts.length === 1 ? parts[0]! : `${parts[0]} (${parts.slice(1).join(', ')})`;
}

function loadFeature(
  raw: unknown,
  index: number,
  options: GeoJsonOptions,
  budget: Budget,
  problems: AreaProblem[],
): LoadedFeature | undefined {
  if (!isObject(raw) || raw.type !== 'Feature') {
    problems.push({ where: `feature #${index}`, problem: 'is not an object of type "Feature"' });
    return undefined;
  }
  const where = labelOf(index, raw, options.nameProperty ?? 'name');
  const area = loadGeometry(raw.geometry, where, budget, problems);
  if (!area) return undefined;
  if (options.plausibleBox && swappedIntoBox(area, options.plausibleBox)) {
    problems.push({
      where,
      problem:
        'lies outside the expected region but would lie inside it with the axes swapped; GeoJSON writes [longitude, latitude]',
    });
    return undefined;
  }
  const properties = isObject(raw.properties) ? raw.properties : {};
  const name = properties[options.nameProperty ?? 'name'];
  return {
    index,
    ...(typeof raw.id === 'string' || typeof raw.id === 'number' ? { id: raw.id } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    properties,
    area,
  };
}

function loadGeometry(
  geometry: unknown,
  where: string,
  budget: Budget,
  problems: AreaProblem[],
): ShapeArea | undefined {
  if (!isObject(geometry)) {
    problems.push({ where, problem: 'has no geometry object' });
    return undefined;
  }
  const { type, coordinates } = geometry;
  if (type === 'Polygon') return polygonFrom(coordinates, where, budget, problems);
  if (type !== 'MultiPolygon') {
    problems.push({
      where,
      problem: `geometry type ${describe(type)} is not an area (Polygon or MultiPolygon)`,
    });
    return undefined;
  }
  if (!Array.isArray(coordinates) || coordinates.length === 0) {
    problems.push({ where, problem: 'MultiPolygon coordinates are not a non-empty array of polygons' });
    return undefined;
  }
  const parts: PolygonArea[] = [];
  for (let p = 0; p < coordinates.length; p++) {
    const part = polygonFrom(coordinates[p], `${where}, part ${p}`, budget, problems);
    if (!part) return undefined;
    parts.push(part);
  }
  return checkParts(parts, where, problems) ? { kind: 'multipolygon', polygons: parts } : undefined;
}

function polygonFrom(
  coords: unknown,
  where: string,
  budget: Budget,
  problems: AreaProblem[],
): PolygonArea | undefined {
  if (!Array.isArray(coords) || coords.length === 0) {
    problems.push({ where, problem: 'polygon coordinates are not a non-empty array of rings' });
    return undefined;
  }
  const rings: Ring[] = [];
  for (let r = 0; r < coords.length; r++) {
    const ring = ringFrom(coords[r], `${where}, ${r === 0 ? 'outer ring' : `hole ${r}`}`, budget, problems);
    if (!ring) return undefined;
    rings.push(ring);
  }
  return checkPolygon(rings, where, problems);
}

function ringFrom(raw: unknown, where: string, budget: Budget, problems: AreaProblem[]): Ring | undefined {
  if (!Array.isArray(raw)) {
    problems.push({ where, problem: 'is not an array of positions' });
    return undefined;
  }
  budget.positions -= raw.length;
  if (budget.positions < 0) return undefined;
  const ring = new Float64Array(raw.length * 2);
  for (let i = 0; i < raw.length; i++) {
    const p: unknown = raw[i];
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
      problems.push({ where: `${where}, position ${i}`, problem: 'is not [longitude, latitude] numbers' });
      return undefined;
    }
    if (!checkPosition(p[0], p[1], `${where}, position ${i}`, '[lon, lat]', problems)) return undefined;
    ring[i * 2] = p[0];
    ring[i * 2 + 1] = p[1];
  }
  return ring;
}

function swappedIntoBox(area: ShapeArea, [x0, y0, x1, y1]: Box): boolean {
  const polygons = area.kind === 'polygon' ? [area] : area.polygons;
  let inside = 0;
  let swappedInside = 0;
  let total = 0;
  for (const { rings } of polygons) {
    const ring = rings[0]!;
    for (let i = 0; i < ring.length; i += 2, total++) {
      const [x, y] = [ring[i]!, ring[i + 1]!];
      if (x >= x0 && x <= x1 && y >= y0 && y <= y1) inside++;
      if (y >= x0 && y <= x1 && x >= y0 && x <= y1) swappedInside++;
    }
  }
  return inside === 0 && swappedInside === total;
}
