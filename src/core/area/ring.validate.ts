import type { Ring } from './area.js';
import type { AreaProblem } from './area.error.js';
import { orient } from './orient.js';

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
  } else if (allOnOneLine(ring)) {
    problems.push({ where, problem: 'encloses no area (all positions on one line)' });
  }
  return problems.length === before;
}

function allOnOneLine(ring: Ring): boolean {
  const [x0, y0] = [ring[0]!, ring[1]!];
  let i = 2;
  while (i < ring.length && ring[i] === x0 && ring[i + 1] === y0) i += 2;
  const [x1, y1] = [ring[i]!, ring[i + 1]!];
  for (let k = i + 2; k < ring.length; k += 2)
    if (orient(x0, y0, x1, y1, ring[k]!, ring[k + 1]!) !== 0) return false;
  return true;
}

function distinctPositions(ring: Ring): number {
  const seen = new Set<string>();
  for (let i = 0; i < ring.length && seen.size < 3; i += 2) seen.add(`${ring[i]},${ring[i + 1]}`);
  return seen.size;
}
