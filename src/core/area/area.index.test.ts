import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AreaIndex } from './area.index.js';
import { CircleRegion } from './circle.region.js';
import { GeocodeRegistry } from './geocode.registry.js';
import { loadGeoJsonAreas } from './geojson.load.js';
import { PolygonRegion } from './polygon.region.js';
import { prepareArea } from './prepare.js';
import type { Region } from './region.js';
import { polygonArb } from './testing/generators.js';

describe('AreaIndex.containing', () => {
  it('agrees with asking every registered area, through registers and unregisters', () => {
    const shape = fc.oneof(
      polygonArb(71.5, 51.125).map((p) => new PolygonRegion([p]) as Region),
      fc
        .record({
          lon: fc.double({ min: 70, max: 73, noNaN: true }),
          lat: fc.double({ min: 50, max: 52, noNaN: true }),
          radiusM: fc.double({ min: 0, max: 80_000, noNaN: true }),
        })
        .map((c) => new CircleRegion({ kind: 'circle', ...c }) as Region),
    );
    const probe = fc.tuple(
      fc.double({ min: 69.5, max: 73.5, noNaN: true }),
      fc.double({ min: 49.5, max: 52.5, noNaN: true }),
    );
    fc.assert(
      fc.property(
        fc.array(shape, { minLength: 1, maxLength: 12 }),
        fc.array(probe, { maxLength: 50 }),
        fc.nat(11),
        (shapes, probes, drop) => {
          const index = new AreaIndex<number>();
          shapes.forEach((s, i) => index.register(i, s));
          index.unregister(drop);
          for (const [x, y] of probes) {
            const want = shapes.flatMap((s, i) => (i !== drop && s.contains(x, y) ? [i] : []));
            expect(index.containing(x, y).sort((a, b) => a - b)).toEqual(want);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('finds loaded districts by geocode and by point', () => {
    const features = loadGeoJsonAreas({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { code: 'KZ-AST', name: 'Astana' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [71, 51],
                [72, 51],
                [72, 51.5],
                [71, 51.5],
                [71, 51],
              ],
            ],
          },
        },
        {
          type: 'Feature',
          properties: { code: 'KZ-KAR', name: 'Karaganda' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [72, 49],
                [74, 49],
                [74, 50.5],
                [72, 50.5],
                [72, 49],
              ],
            ],
          },
        },
      ],
    });
    const registry = new GeocodeRegistry();
    registry.addFeatures('ISO3166-2', features, 'code');
    const index = new AreaIndex<string>();
    for (const code of ['KZ-AST', 'KZ-KAR'])
      index.register(
        code,
        prepareArea({ kind: 'geocode', valueName: 'ISO3166-2', value: code }, registry.lookup),
      );
    expect(index.containing(71.43, 51.13)).toEqual(['KZ-AST']);
    expect(index.containing(72, 50)).toEqual(['KZ-KAR']);
    expect(index.containing(0, 0)).toEqual([]);
  });
});
