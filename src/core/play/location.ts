/**
 * Where a player says a report was made: a point in WGS 84 degrees, as a phone's position or a map
 * app gives it. Typed by hand it comes as two texts, latitude and longitude, the way people write
 * them: a decimal point or a decimal comma (kk and ru), spaces around, a degree sign, a typographic
 * minus. Both numbers pasted into one box ("49.8047, 73.1094" copied from a map app) are read too.
 */

export interface Point {
  latitude: number;
  longitude: number;
}

export type LocationField = 'latitude' | 'longitude';

/** Why a typed place is refused: one number is not a number, out of range, or given without the other. */
export type LocationFault = 'not_a_number' | 'out_of_range' | 'missing';

export interface LocationProblem {
  field: LocationField;
  fault: LocationFault;
}

export type ParsedLocation = { ok: true; location: Point | null } | { ok: false; problem: LocationProblem };

const LIMIT: Record<LocationField, number> = { latitude: 90, longitude: 180 };

/** A decimal number with a point or a single decimal comma, an optional sign and degree sign. */
const NUMBER = /^[+-]?(\d{1,3}([.,]\d*)?|[.,]\d+)°?$/;

/** One coordinate as typed, or null when it is not a number of degrees. */
export function parseDegrees(text: string): number | null {
  const s = text.trim().replace(/\u2212/g, '-');
  if (!NUMBER.test(s)) return null;
  const value = Number(s.replace(',', '.').replace('°', ''));
  return Number.isFinite(value) ? value : null;
}

/**
 * Two numbers in one box, as map apps copy them: "49.8047, 73.1094", "49.8047,73.1094",
 * "49,8047 73,1094", "49,8047; 73,1094". Null when the text is not exactly two numbers; a comma
 * with no space between numbers written with decimal commas ("49,8,73,1") is ambiguous and refused.
 */
function splitPair(text: string): [string, string] | null {
  const s = text.trim();
  const bySemicolon = s.split(';');
  if (bySemicolon.length === 2) return [bySemicolon[0]!, bySemicolon[1]!];
  if (bySemicolon.length > 2) return null;
  const bySpace = s.split(/,?\s+/);
  if (bySpace.length === 2) return [bySpace[0]!, bySpace[1]!];
  if (bySpace.length > 2) return null;
  const byComma = s.split(',');
  if (s.includes('.') && byComma.length === 2) return [byComma[0]!, byComma[1]!];
  return null;
}

/** A point's first problem, or null: each coordinate a finite number within its range. */
export function pointProblem(point: Point): LocationProblem | null {
  for (const field of ['latitude', 'longitude'] as const) {
    const value = point[field];
    if (!Number.isFinite(value)) return { field, fault: 'not_a_number' };
    if (Math.abs(value) > LIMIT[field]) return { field, fault: 'out_of_range' };
  }
  return null;
}

/**
 * The place a form's two boxes give: null when both are empty (a report without a place), the point
 * when both are numbers in range, or the first problem, naming its field. Both numbers in one box
 * with the other left empty are taken as latitude then longitude.
 */
export function parseLocation(latitudeText: string, longitudeText: string): ParsedLocation {
  const lat = latitudeText.trim();
  const lon = longitudeText.trim();
  if (!lat && !lon) return { ok: true, location: null };
  const pasted = !lat || !lon ? splitPair(lat || lon) : null;
  const [latText, lonText] = pasted ?? [lat, lon];
  const fail = (field: LocationField, fault: LocationFault): ParsedLocation => ({
    ok: false,
    problem: { field, fault },
  });
  if (!latText.trim()) return fail('latitude', 'missing');
  const latitude = parseDegrees(latText);
  if (latitude === null) return fail('latitude', 'not_a_number');
  if (!lonText.trim()) return fail('longitude', 'missing');
  const longitude = parseDegrees(lonText);
  if (longitude === null) return fail('longitude', 'not_a_number');
  const problem = pointProblem({ latitude, longitude });
  return problem ? { ok: false, problem } : { ok: true, location: { latitude, longitude } };
}
