import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AreaError } from './area.error.js';
import { loadGeoJsonAreas } from './geojson.load.js';

const square = (x: number, y: number, s: number) => [
  [x, y],
  [x + s, y],
  [x + s, y + s],
  [x, y + s],
  [x, y],
];

const feature = (coordinates: unknown, extra: Record<string, unknown> = {}, type = 'Polygon') => ({
  type: 'Feature',
  id: 'KZ-KAR',
  properties: { name: 'Karaganda' },
  geometry: { type, coordinates },
  ...extra,
});

const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

function problemOf(input: unknown, options = {}): string {
  try {
    loadGeoJsonAreas(input, options);
  } catch (err) {
    expect(err).toBeInstanceOf(AreaError);
    return (err as AreaError).detail;
  }
  throw new Error('expected the load to fail');
}

describe('loadGeoJsonAreas', () => {
  it('loads polygons with holes and multipolygons, keeping id and name', () => {
    const [a, b] = loadGeoJsonAreas(
      collection(
        feature([square(70, 50, 2), square(70.5, 50.5, 0.5)]),
        feature(
          [[square(72, 50, 1)], [square(74, 50, 1)]],
          { id: 7, properties: { name: 'Two parts' } },
          'MultiPolygon',
        ),
      ),
    );
    expect(a).toMatchObject({ index: 0, id: 'KZ-KAR', name: 'Karaganda', area: { kind: 'polygon' } });
    expect(a!.area.kind === 'polygon' && a!.area.rings.length).toBe(2);
    expect(b).toMatchObject({ index: 1, id: 7, name: 'Two parts', area: { kind: 'multipolygon' } });
  });

  it('accepts a bare geometry and JSON text', () => {
    expect(
      loadGeoJsonAreas(JSON.stringify({ type: 'Polygon', coordinates: [square(1, 1, 1)] })),
    ).toHaveLength(1);
  });

  it.each([
    [
      'an unclosed ring',
      [
        [
          [70, 50],
          [71, 50],
          [71, 51],
          [70, 51],
        ],
      ],
      /outer ring: is not closed/,
    ],
    [
      'too few points',
      [
        [
          [70, 50],
          [71, 50],
          [70, 50],
        ],
      ],
      /needs at least 4/,
    ],
    [
      'a self-intersection',
      [
        [
          [70, 50],
          [71, 51],
          [71, 50],
          [70, 51],
          [70, 50],
        ],
      ],
      /crosses .*self-intersection/,
    ],
    [
      'a latitude out of range',
      [square(70, 95, 1)],
      /position 0: latitude 95 is out of range; the axes look swapped/,
    ],
    ['a longitude out of range', [square(190, 50, 1)], /out of range/],
    [
      'a hole outside the outer ring',
      [square(70, 50, 1), square(75, 50, 1)],
      /hole 1: is not inside the outer ring/,
    ],
    [
      'an antimeridian crossing',
      [
        [
          [179, 0],
          [-179, 0],
          [-179, 1],
          [179, 1],
          [179, 0],
        ],
      ],
      /crosses the antimeridian/,
    ],
    [
      'a position that is not numbers',
      [
        [
          [70, '50'],
          [71, 50],
          [71, 51],
          [70, 50],
        ],
      ],
      /is not \[longitude, latitude\]/,
    ],
    [
      'a spike back along an edge',
      [
        [
          [70, 50],
          [72, 50],
          [71, 50],
          [71, 51],
          [70, 50],
        ],
      ],
      /runs along/,
    ],
  ])('names the feature and the problem for %s', (_, coordinates, pattern) => {
    const detail = problemOf(collection(feature([square(60, 40, 1)], { id: 'ok' }), feature(coordinates)));
    expect(detail).toMatch(/feature #1 \(id "KZ-KAR", name "Karaganda"\)/);
    expect(detail).toMatch(pattern);
  });

  it('names overlapping multipolygon parts', () => {
    expect(problemOf(feature([[square(70, 50, 4)], [square(71, 51, 1)]], {}, 'MultiPolygon'))).toMatch(
      /part 1 lies inside part 0/,
    );
  });

  it('spots swapped axes against the expected region', () => {
    const swapped = [square(50, 70, 1).map(([x, y]) => [x, y])];
    expect(problemOf(feature(swapped), { plausibleBox: [46, 40, 88, 56] })).toMatch(/axes swapped/);
  });

  it('refuses non-area geometry, bad JSON and oversized input clearly', () => {
    expect(problemOf(feature([70, 50], {}, 'Point'))).toMatch(/geometry type "Point" is not an area/);
    expect(problemOf('{"type": "FeatureCollection", "features": [')).toMatch(/not valid JSON/);
    expect(problemOf('x'.repeat(100), { maxChars: 10 })).toMatch(/larger than 10/);
    expect(problemOf('['.repeat(200_000))).toMatch(/GeoJSON/);
  });
});

describe('GeoJSON fuzz', () => {
  const valid = JSON.stringify(
    collection(
      feature([square(70, 50, 2), square(70.5, 50.5, 0.5)]),
      feature([[square(72, 50, 1)], [square(74, 50, 1)]], { id: 2 }, 'MultiPolygon'),
    ),
  );

  /** Either loads or fails with an AreaError whose every problem says where and what; nothing else. */
  function survives(input: unknown): boolean {
    try {
      loadGeoJsonAreas(input, { maxChars: 1_000_000 });
      return true;
    } catch (err) {
      if (!(err instanceof AreaError)) throw err;
      return err.problems.length > 0 && err.problems.every((p) => p.where.length > 0 && p.problem.length > 0);
    }
  }

  it('never crashes on mutated text', () => {
    const mutation = fc.oneof(
      fc.nat(valid.length).map((at) => valid.slice(0, at)),
      fc
        .tuple(fc.nat(valid.length), fc.string({ maxLength: 8 }))
        .map(([at, s]) => valid.slice(0, at) + s + valid.slice(at + 1)),
      fc
        .tuple(fc.nat(valid.length), fc.constantFrom('[', ']', '{', '}', ',', '-', '1e999', 'null', '"', '0'))
        .map(([at, s]) => valid.slice(0, at) + s + valid.slice(at)),
      fc.constantFrom('-1', '0', '179.9', '91', '-1e308', '5e-324').map((v) => valid.replace(/50\.5/g, v)),
    );
    fc.assert(fc.property(mutation, survives), { numRuns: 1500 });
  });

  it('never crashes on mutated structure', () => {
    const parsed = JSON.parse(valid) as unknown;
    const mutate = fc
      .tuple(fc.array(fc.nat(6), { minLength: 1, maxLength: 7 }), fc.jsonValue({ maxDepth: 3 }))
      .map(([path, value]) => {
        const copy = structuredClone(parsed) as unknown;
        let node = copy as Record<string, unknown> | unknown[];
        for (let i = 0; i < path.length - 1; i++) {
          const keys = Object.keys(node);
          const next = (node as Record<string, unknown>)[keys[path[i]! % Math.max(1, keys.length)] ?? ''];
          if (typeof next !== 'object' || next === null) break;
          node = next as Record<string, unknown>;
        }
        const keys = Object.keys(node);
        (node as Record<string, unknown>)[keys[path.at(-1)! % Math.max(1, keys.length)] ?? 'x'] = value;
        return copy;
      });
    fc.assert(fc.property(mutate, survives), { numRuns: 1500 });
    fc.assert(fc.property(fc.jsonValue(), survives), { numRuns: 500 });
  });

  it('finishes quickly on a ring with very many points', () => {
    const ring = Array.from({ length: 200_000 }, (_, i) => {
      const a = (2 * Math.PI * i) / 200_000;
      return [70 + Math.cos(a), 50 + Math.sin(a)];
    });
    ring.push(ring[0]!);
    const t0 = performance.now();
    expect(loadGeoJsonAreas(feature([ring]))).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });
});
