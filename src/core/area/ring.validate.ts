import type { Ring } from './area.js';
import type { AreaProblem } from './area.error.js';

/** Position as "lat,lon" for messages: the order a person reading CAP or a map expects. */
export const showPoint = (lon: number, lat: number): string => `${lat},${lon} (lat,lon)`;

/**
 * Ring rules shared by CAP and GeoJSON input: at least four positions, closed, three distinct
 * positions, no edge longer than 180° of longitude (the antimeridian is refused, see docs/areas.md),
 * and a non-zero area. Pushes problems; returns true when the ring is usable.
 */
export function checkRing(ring: Ring, where: string, problems: AreaProblem[]): boolean {
  const n = ring.length / 2;
  if (n < 4) {
    problems.push({
      where,
      problem: `has ${n} position(s); a ring needs at least 4 (3 corners and the closing repeat)`,
    });
    return false;
  }
  const [fx, fy, lx, ly] = [ring[0]!, ring[1]!, ring[ring.length - 2]!, ring[ring.length - 1]!];
  if (fx !== lx || fy !== ly) {
    problems.push({
      where,
      problem: `is not closed: first position ${showPoint(fx, fy)} differs from last ${showPoint(lx, ly)}`,
    });
    return false;
  }
  const before = problems.length;
  for (let i = 0; i + 3 < ring.length; i += 2) {
    if (Math.abs(ring[i + 2]! - ring[i]!) > 180) {
      problems.push({
        where: `${where}, edge ${i / 2}`,
        problem:
          `jumps ${Math.abs(ring[i + 2]! - ring[i]!).toFixed(3)}° in longitude: it crosses the antimeridian, ` +
          'which is not supported — split the area into parts on either side of ±180°',
      });
      break;
    }
  }
  if (distinctPositions(ring) < 3) {
    problems.push({ where, problem: 'has fewer than 3 distinct positions' });
  } else if (signedArea(ring) === 0) {
    problems.push({ where, problem: 'encloses no area (all positions on one line)' });
  }
  return problems.length === before;
}

function distinctPositions(ring: Ring): number {
  const seen = new Set<string>();
  for (let i = 0; i < ring.length && seen.size < 3; i += 2) seen.add(`${ring[i]},${ring[i + 1]}`);
  return seen.size;
}

/** Twice the signed shoelace area in square degrees (positive when counter-clockwise). */
export function signedArea(ring: Ring): number {
  let sum = 0;
  const x0 = ring[0]!;
  const y0 = ring[1]!;
  for (let i = 2; i + 3 < ring.length; i += 2) {
    sum += (ring[i]! - x0) * (ring[i + 3]! - y0) - (ring[i + 2]! - x0) * (ring[i + 1]! - y0);
  }
  return sum;
}
