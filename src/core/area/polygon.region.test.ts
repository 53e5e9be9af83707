import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolygonRegion } from './polygon.region.js';
import { cloudArb, polygonArb, probePoints, STEP } from './testing/generators.js';
import { referenceContains } from './testing/reference.js';

const square = new Float64Array([0, 0, 2, 0, 2, 2, 0, 2, 0, 0]);
const hole = new Float64Array([0.5, 0.5, 1.5, 0.5, 1.5, 1.5, 0.5, 1.5, 0.5, 0.5]);

describe('PolygonRegion.contains', () => {
  const region = new PolygonRegion([{ kind: 'polygon', rings: [square, hole] }]);

  it('counts edges and vertices of the outer ring and of holes as inside', () => {
    for (const [x, y] of [
      [0, 0],
      [1, 0],
      [2, 1],
      [0.5, 0.5],
      [1, 1.5],
      [1.5, 1],
    ] as const) {
      expect(region.contains(x, y)).toBe(true);
    }
  });

  it('leaves out the inside of a hole and the outside', () => {
    expect(region.contains(1, 1)).toBe(false);
    expect(region.contains(2.0000001, 1)).toBe(false);
    expect(region.contains(-1e-300, 1)).toBe(false);
    expect(region.contains(0.25, 0.25)).toBe(true);
  });

  it('agrees with exact brute force on random concave polygons, holes, edges and vertices', () => {
    fc.assert(
      fc.property(polygonArb(), cloudArb(71.5, 51.125, 1.1), (polygon, cloud) => {
        const r = new PolygonRegion([polygon]);
        for (const [x, y] of probePoints([polygon], cloud)) {
          if (r.contains(x, y) !== referenceContains([polygon], x, y)) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with brute force on multipolygons', () => {
    fc.assert(
      fc.property(
        polygonArb(71.5, 51.125),
        polygonArb(74, 51.125),
        cloudArb(72.75, 51.125, 2.5),
        (a, b, cloud) => {
          const r = new PolygonRegion([a, b]);
          return probePoints([a, b], cloud).every(
            ([x, y]) => r.contains(x, y) === referenceContains([a, b], x, y),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it('decides points one grid step off an edge', () => {
    const r = new PolygonRegion([{ kind: 'polygon', rings: [square] }]);
    expect(r.contains(1, -STEP)).toBe(false);
    expect(r.contains(1, STEP)).toBe(true);
  });
});
