import { kzRegion } from '../../cap/validate/profiles/kz-regions.js';
import { AreaError, type AreaProblem } from '../area/area.error.js';
import type { PolygonArea, ShapeArea } from '../area/area.js';
import { loadGeoJsonAreas } from '../area/geojson.load.js';
import { problemText, type FieldFault, type FieldProblem, type MessageParams } from '../messages/messages.js';

/** What a boundary is: the first-level division, a district of a city or region, or a city. */
export const BOUNDARY_LEVELS = ['region', 'district', 'city'] as const;
export type BoundaryLevel = (typeof BOUNDARY_LEVELS)[number];

/** The most features one set may hold. */
export const MAX_BOUNDARY_FEATURES = 10_000;
/** A set's name: lowercase letters, digits and dashes, 1–60. */
export const BOUNDARY_SET_NAME = /^[a-z0-9-]{1,60}$/;
const MAX_NAME = 200;
const MAX_CODE = 100;
/** Where Kazakhstan's boundaries lie, generously: a feature outside it but inside swapped is flagged. */
const KAZAKHSTAN: [number, number, number, number] = [44, 38, 90, 58];

export type BoundaryGeometry =
  | { type: 'Polygon'; coordinates: [number, number][][] }
  | { type: 'MultiPolygon'; coordinates: [number, number][][][] };

/** One feature of a file, checked: ready to store. */
export interface CheckedBoundary {
  code: string;
  level: BoundaryLevel;
  region: string;
  names: { kk: string; ru: string; en: string };
  geometry: BoundaryGeometry;
  parts: number;
  points: number;
  /** [west, south, east, north] */
  bbox: [number, number, number, number];
}

/** One problem of a file: its path (`features[3].properties.name:kk`), English, and catalogue fault. */
export interface BoundaryProblem {
  field: string;
  problem: string;
  fault: FieldFault;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const MAX_PROBLEMS = 100;

/**
 * Checks a GeoJSON FeatureCollection of boundaries: every feature's geometry through the area
 * engine, and its properties `code` (unique in the file), `level`, `region` (an ISO 3166-2:KZ code)
 * and `name:kk`, `name:ru`, `name:en` (plain text). Answers every feature checked, or every problem
 * found (up to a hundred), each naming the feature's path and field; never a part of the file.
 */
export function checkBoundaryFile(
  input: unknown,
): { ok: true; boundaries: CheckedBoundary[] } | { ok: false; problems: BoundaryProblem[] } {
  const problems: BoundaryProblem[] = [];
  const add = (field: string, problem: FieldProblem, params?: MessageParams) =>
    problems.push({
      field,
      problem: problemText('en', problem, params),
      fault: { problem, ...(params ? { params } : {}) },
    });
  if (!isObject(input) || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    add('geojson', 'not_feature_collection');
    return { ok: false, problems };
  }
  const features: unknown[] = input.features;
  if (features.length === 0) add('features', 'min_items', { min: 1 });
  if (features.length > MAX_BOUNDARY_FEATURES) add('features', 'max_items', { max: MAX_BOUNDARY_FEATURES });
  if (problems.length) return { ok: false, problems };

  const seen = new Set<string>();
  const props: Omit<CheckedBoundary, 'geometry' | 'parts' | 'points' | 'bbox'>[] = [];
  for (let i = 0; i < features.length && problems.length < MAX_PROBLEMS; i++) {
    const f = features[i];
    const at = `features[${i}].properties`;
    const p = isObject(f) && isObject(f.properties) ? f.properties : undefined;
    if (!p) {
      // The loader names a feature that is not one; a Feature without properties is named here.
      if (isObject(f) && f.type === 'Feature') add(at, 'required');
      continue;
    }
    const code = plain(p.code, `${at}.code`, MAX_CODE, add);
    if (code !== undefined) {
      if (seen.has(code)) add(`${at}.code`, 'listed_twice');
      seen.add(code);
    }
    const level = p.level;
    if (level === undefined || level === null) add(`${at}.level`, 'required');
    else if (!(BOUNDARY_LEVELS as readonly unknown[]).includes(level))
      add(`${at}.level`, 'one_of', { allowed: BOUNDARY_LEVELS.join(', ') });
    const region = p.region;
    if (region === undefined || region === null) add(`${at}.region`, 'required');
    else if (typeof region !== 'string' || !kzRegion(region.trim()))
      add(`${at}.region`, 'not_kz_region', { value: String(region).slice(0, 20) });
    const kk = plain(p['name:kk'], `${at}.name:kk`, MAX_NAME, add);
    const ru = plain(p['name:ru'], `${at}.name:ru`, MAX_NAME, add);
    const en = plain(p['name:en'], `${at}.name:en`, MAX_NAME, add);
    if (code !== undefined && kk !== undefined && ru !== undefined && en !== undefined)
      props[i] = {
        code,
        level: level as BoundaryLevel,
        region: String(region).trim(),
        names: { kk, ru, en },
      };
  }

  let areas: ShapeArea[] = [];
  try {
    areas = loadGeoJsonAreas(input, { nameProperty: 'name:en', plausibleBox: KAZAKHSTAN }).map((f) => f.area);
  } catch (err) {
    if (!(err instanceof AreaError)) throw err;
    for (const p of err.problems) problems.push(geometryProblem(p));
  }
  if (problems.length) return { ok: false, problems: problems.slice(0, MAX_PROBLEMS) };
  return {
    ok: true,
    boundaries: areas.map((area, i) => ({ ...props[i]!, ...measured(area) })),
  };
}

/** A trimmed plain text of 1–`max` characters: no control characters, no markup (refused, not escaped). */
function plain(
  value: unknown,
  field: string,
  max: number,
  add: (field: string, problem: FieldProblem, params?: MessageParams) => void,
): string | undefined {
  if (value === undefined || value === null) return void add(field, 'required');
  if (typeof value !== 'string') return void add(field, 'type', { type: 'string' });
  const text = value.normalize('NFC').trim();
  if (!text) return void add(field, 'not_empty');
  if (text.length > max) return void add(field, 'max_length', { max });
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) return void add(field, 'no_control_characters');
  if (/[<>]/.test(text)) return void add(field, 'no_markup');
  return text;
}

/** The area engine's finding, on the path of the feature's geometry, its English kept whole. */
function geometryProblem(p: AreaProblem): BoundaryProblem {
  const index = /^feature #(\d+)/.exec(p.where)?.[1];
  if (index === undefined)
    return {
      field: 'geojson',
      problem: `${p.where} ${p.problem}`,
      fault: { problem: /positions/.test(p.problem) ? 'too_many_positions' : 'not_feature_collection' },
    };
  return {
    field: `features[${index}].geometry`,
    problem: `${p.where}: ${p.problem}`,
    fault: { problem: 'not_valid_geometry' },
  };
}

const ringCoordinates = (ring: Float64Array): [number, number][] => {
  const out: [number, number][] = [];
  for (let i = 0; i < ring.length; i += 2) out.push([ring[i]!, ring[i + 1]!]);
  return out;
};
const polygonCoordinates = (p: PolygonArea) => p.rings.map(ringCoordinates);

function measured(area: ShapeArea): Pick<CheckedBoundary, 'geometry' | 'parts' | 'points' | 'bbox'> {
  const polygons = area.kind === 'polygon' ? [area] : area.polygons;
  let points = 0;
  const bbox: [number, number, number, number] = [180, 90, -180, -90];
  for (const { rings } of polygons)
    for (const ring of rings) {
      points += ring.length / 2;
      for (let i = 0; i < ring.length; i += 2) {
        bbox[0] = Math.min(bbox[0], ring[i]!);
        bbox[1] = Math.min(bbox[1], ring[i + 1]!);
        bbox[2] = Math.max(bbox[2], ring[i]!);
        bbox[3] = Math.max(bbox[3], ring[i + 1]!);
      }
    }
  const geometry: BoundaryGeometry =
    area.kind === 'polygon'
      ? { type: 'Polygon', coordinates: polygonCoordinates(area) }
      : { type: 'MultiPolygon', coordinates: area.polygons.map(polygonCoordinates) };
  return { geometry, parts: polygons.length, points, bbox };
}
