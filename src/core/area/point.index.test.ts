import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CircleRegion } from './circle.region.js';
import { geodesicDistanceM } from './geodesic.js';
import { PointIndex } from './point.index.js';
import { PolygonRegion } from './polygon.region.js';
import type { Region } from './region.js';
import { cloudArb, polygonArb, probePoints } from './testing/generators.js';
import { referenceContains } from './testing/reference.js';

function indexOf(points: readonly [number, number][]): PointIndex {
  const ids = Uint32Array.from(points, (_, i) => i);
  return PointIndex.build(
    ids,
    Float64Array.from(points, (p) => p[0]),
    Float64Array.from(points, (p) => p[1]),
  );
}

const sorted = (ids: Uint32Array): number[] => [...ids].sort((a, b) => a - b);

function brute(points: readonly [number, number][], inside: (x: number, y: number) => boolean): number[] {
  return points.flatMap(([x, y], i) => (inside(x, y) ? [i] : []));
}

/** Points on a cluster so the quadtree has whole cells inside, outside and on the edge. */
const clustered = (cx: number, cy: number) =>
  fc.tuple(cloudArb(cx, cy, 1.2, 400), cloudArb(cx, cy, 0.3, 600)).map(([a, b]) => [...a, ...b]);

describe('PointIndex.query against brute force', () => {
  it('matches exact point-in-polygon on concave polygons, holes, edges and vertices', () => {
    fc.assert(
      fc.property(polygonArb(), clustered(71.5, 51.125), (polygon, cloud) => {
        const points = probePoints([polygon], cloud);
        const got = sorted(indexOf(points).query(new PolygonRegion([polygon])));
        expect(got).toEqual(brute(points, (x, y) => referenceContains([polygon], x, y)));
      }),
      { numRuns: 60 },
    );
  });

  it('matches on multipolygons', () => {
    fc.assert(
      fc.property(polygonArb(71.5, 51.125), polygonArb(74, 50), clustered(72.7, 50.5), (a, b, cloud) => {
        const points = probePoints([a, b], cloud);
        const got = sorted(indexOf(points).query(new PolygonRegion([a, b])));
        expect(got).toEqual(brute(points, (x, y) => referenceContains([a, b], x, y)));
      }),
      { numRuns: 40 },
    );
  });

  it('matches geodesic distance on circles, with points crowding the rim', () => {
    const centre = fc.record({
      lon: fc.oneof(fc.double({ min: -180, max: 180, noNaN: true }), fc.constantFrom(179.99, -179.99)),
      lat: fc.oneof(fc.double({ min: -89.9, max: 89.9, noNaN: true }), fc.constantFrom(89.95, -89.95)),
      radiusM: fc.oneof(fc.double({ min: 1, max: 50_000, noNaN: true }), fc.constant(10_000)),
    });
    const rim = fc.array(
      fc.tuple(
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0.97, max: 1.03, noNaN: true }),
      ),
      {
        minLength: 50,
        maxLength: 400,
      },
    );
    fc.assert(
      fc.property(centre, rim, ({ lon, lat, radiusM }, offsets) => {
        const points = offsets.map(([bearing, f]) => destination(lon, lat, bearing, radiusM * f));
        const got = sorted(indexOf(points).query(new CircleRegion({ kind: 'circle', lon, lat, radiusM })));
        expect(got).toEqual(brute(points, (x, y) => geodesicDistanceM(lon, lat, x, y) <= radiusM));
      }),
      { numRuns: 80 },
    );
  });

  it('keeps matching while points are added, moved and removed, before and after compaction', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('upsert' as const),
        id: fc.nat(60),
        x: fc.double({ min: 70, max: 73, noNaN: true }),
        y: fc.double({ min: 50, max: 52.3, noNaN: true }),
      }),
      fc.record({ kind: fc.constant('remove' as const), id: fc.nat(60) }),
      fc.record({ kind: fc.constant('query' as const) }),
      fc.record({ kind: fc.constant('compact' as const) }),
    );
    fc.assert(
      fc.property(
        polygonArb(),
        clustered(71.5, 51.125),
        fc.array(op, { maxLength: 80 }),
        (polygon, cloud, ops) => {
          const region = new PolygonRegion([polygon]);
          const model = new Map<number, [number, number]>(cloud.map((p, i) => [i + 100, p]));
          const index = PointIndex.build(
            Uint32Array.from(model.keys()),
            Float64Array.from(cloud, (p) => p[0]),
            Float64Array.from(cloud, (p) => p[1]),
          );
          for (const o of ops) {
            if (o.kind === 'upsert') {
              index.upsert(o.id, o.x, o.y);
              model.set(o.id, [o.x, o.y]);
            } else if (o.kind === 'remove') {
              expect(index.remove(o.id)).toBe(model.delete(o.id));
            } else if (o.kind === 'compact') index.compact();
            else expect(sorted(index.query(region))).toEqual(bruteModel(model, region));
            expect(index.size).toBe(model.size);
          }
          expect(sorted(index.query(region))).toEqual(bruteModel(model, region));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('answers several areas at once, each id once', () => {
    const points = Array.from(
      { length: 5000 },
      (_, i) => [70 + (i % 100) * 0.03, 50 + Math.floor(i / 100) * 0.05] as [number, number],
    );
    const index = indexOf(points);
    const a = new CircleRegion({ kind: 'circle', lon: 71, lat: 51, radiusM: 40_000 });
    const b = new CircleRegion({ kind: 'circle', lon: 71.3, lat: 51, radiusM: 40_000 });
    const want = brute(points, (x, y) => a.contains(x, y) || b.contains(x, y));
    expect(sorted(index.queryAny([a, b]))).toEqual(want);
  });

  it('refuses duplicate ids and out-of-range points by name', () => {
    expect(() =>
      PointIndex.build(Uint32Array.of(7, 7), Float64Array.of(1, 2), Float64Array.of(1, 2)),
    ).toThrow(/point 7: id appears more than once/);
    expect(() => PointIndex.empty().upsert(3, 10, 95)).toThrow(/point 3: .*out of range/);
  });
});

function bruteModel(model: Map<number, [number, number]>, region: Region): number[] {
  return [...model]
    .filter(([, [x, y]]) => region.contains(x, y))
    .map(([id]) => id)
    .sort((a, b) => a - b);
}

/** Spherical destination point; only used to place test points near a circle's rim. */
function destination(lon: number, lat: number, bearing: number, metres: number): [number, number] {
  const R = Math.PI / 180;
  const d = metres / 6371008.8;
  const phi = lat * R;
  const lat2 = Math.asin(Math.sin(phi) * Math.cos(d) + Math.cos(phi) * Math.sin(d) * Math.cos(bearing));
  const lon2 =
    lon * R +
    Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(phi), Math.cos(d) - Math.sin(phi) * Math.sin(lat2));
  let x = lon2 / R;
  if (x > 180) x -= 360;
  if (x < -180) x += 360;
  return [x, lat2 / R];
}
