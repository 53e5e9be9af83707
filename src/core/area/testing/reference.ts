import type { PolygonArea } from '../area.js';
import { toScaledBigInt } from '../orient.js';

/**
 * The brute force the engine is tested against: even-odd parity over every edge of every ring, with
 * points on an edge or vertex inside, in exact BigInt arithmetic. Slow and obviously right.
 */
export function referenceContains(polygons: readonly PolygonArea[], x: number, y: number): boolean {
  const X = toScaledBigInt(x);
  const Y = toScaledBigInt(y);
  let inside = false;
  for (const { rings } of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const ax = toScaledBigInt(ring[i]!);
        const ay = toScaledBigInt(ring[i + 1]!);
        const bx = toScaledBigInt(ring[i + 2]!);
        const by = toScaledBigInt(ring[i + 3]!);
        const det = (bx - ax) * (Y - ay) - (by - ay) * (X - ax);
        const inBox = X >= min(ax, bx) && X <= max(ax, bx) && Y >= min(ay, by) && Y <= max(ay, by);
        if (det === 0n && inBox) return true;
        if (ay > Y !== by > Y && det > 0n === by > ay) inside = !inside;
      }
    }
  }
  return inside;
}

const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
