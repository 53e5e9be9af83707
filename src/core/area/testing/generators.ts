import fc from 'fast-check';
import type { PolygonArea, Ring } from '../area.js';

/** Grid step for generated coordinates: dyadic, so midpoints of edges are exactly on the edge. */
export const STEP = 2 ** -12;

const snap = (v: number): number => Math.round(v / STEP) * STEP;

/** A star-shaped (so simple, usually concave) ring around (cx, cy), radii in degrees. */
export function starRing(cx: number, cy: number, radii: readonly number[], phase: number): Ring {
  const n = radii.length;
  const ring = new Float64Array((n + 1) * 2);
  radii.forEach((r, i) => {
    const a = phase + (2 * Math.PI * i) / n;
    ring[i * 2] = snap(cx + r * Math.cos(a));
    ring[i * 2 + 1] = snap(cy + r * Math.sin(a));
  });
  ring[n * 2] = ring[0]!;
  ring[n * 2 + 1] = ring[1]!;
  return ring;
}

const radii = (min: number, max: number, count: { minLength: number; maxLength: number }) =>
  fc.array(fc.double({ min, max, noNaN: true }), count);

/** Concave polygons near (cx, cy), some with a hole. */
export const polygonArb = (cx = 71.5, cy = 51.125): fc.Arbitrary<PolygonArea> =>
  fc
    .record({
      outer: radii(0.3, 1, { minLength: 3, maxLength: 40 }),
      hole: fc.option(radii(0.05, 0.25, { minLength: 3, maxLength: 12 })),
      phase: fc.double({ min: 0, max: 6, noNaN: true }),
    })
    .map(({ outer, hole, phase }) => ({
      kind: 'polygon' as const,
      rings: [starRing(cx, cy, outer, phase), ...(hole ? [starRing(cx, cy, hole, phase / 2)] : [])],
    }));

/** Test points for a set of polygons: random ones in the box, every vertex, and points on edges. */
export function probePoints(
  polygons: readonly PolygonArea[],
  random: readonly [number, number][],
): [number, number][] {
  const out: [number, number][] = random.map(([x, y]) => [snap(x), snap(y)]);
  for (const { rings } of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 3 < ring.length; i += 2) {
        const [ax, ay, bx, by] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!];
        out.push([ax, ay], [(ax + bx) / 2, (ay + by) / 2], [(3 * ax + bx) / 4, (3 * ay + by) / 4]);
      }
    }
  }
  return out;
}

/** Random points spread over a box around (cx, cy), half-width `spread` degrees. */
export const cloudArb = (cx: number, cy: number, spread: number, maxLength = 300) =>
  fc.array(
    fc.tuple(
      fc.double({ min: cx - spread, max: cx + spread, noNaN: true }),
      fc.double({ min: cy - spread, max: cy + spread, noNaN: true }),
    ),
    { maxLength },
  );
