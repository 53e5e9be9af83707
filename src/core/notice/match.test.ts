import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { geodesicDistanceM } from '../area/geodesic.js';
import { circleTouches, matchByScan, PlaceMatcher, type PlaceCircle } from './match.js';
import type { AreaGeometry } from './notice.js';
import { checkPlaceCircle, findPlace, PLACES } from './places.js';

/** A small square around a point, in degrees. */
const square = (lon: number, lat: number, half: number): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon - half, lat - half],
      [lon + half, lat - half],
      [lon + half, lat + half],
      [lon - half, lat + half],
      [lon - half, lat - half],
    ],
  ],
});

const placeOf = (id: string): PlaceCircle => {
  const p = findPlace(id)!;
  return { lon: p.lon, lat: p.lat, radiusM: p.radiusM };
};

describe('which places a notice touches', () => {
  it('an area in Astana touches Astana and its district, not Pavlodar or Karaganda', () => {
    const places = ['astana', 'astana-yesil', 'pavlodar', 'karaganda'].map(placeOf);
    const expo = square(71.4167, 51.089, 0.004);
    expect(new PlaceMatcher(places).match([expo])).toEqual([0, 1]);
  });

  it('counts a circle whose centre is inside the polygon, however small the circle', () => {
    expect(circleTouches({ lon: 71.43, lat: 51.12, radiusM: 1 }, square(71.43, 51.12, 0.01))).toBe(true);
  });

  it('measures a road closure line by its nearest point, within the geodesic', () => {
    const road: AreaGeometry = {
      type: 'LineString',
      coordinates: [
        [71.4, 51.13],
        [71.46, 51.13],
      ],
    };
    // 0.01° of latitude north of the road's middle: the geodesic distance to the road is that gap.
    const gap = geodesicDistanceM(71.43, 51.14, 71.43, 51.13);
    expect(circleTouches({ lon: 71.43, lat: 51.14, radiusM: gap * 1.002 }, road)).toBe(true);
    expect(circleTouches({ lon: 71.43, lat: 51.14, radiusM: gap * 0.998 }, road)).toBe(false);
  });

  it('finds the same places through the index as by testing every place, whole or in chunks', () => {
    const placeArb = fc.record({
      lon: fc.double({ min: 70.5, max: 72.5, noNaN: true }),
      lat: fc.double({ min: 50.5, max: 51.8, noNaN: true }),
      radiusM: fc.double({ min: 100, max: 50_000, noNaN: true }),
    });
    const pointArb = fc.tuple(
      fc.double({ min: 71, max: 72, noNaN: true }),
      fc.double({ min: 50.9, max: 51.4, noNaN: true }),
    );
    const geometryArb: fc.Arbitrary<AreaGeometry> = fc.oneof(
      fc
        .tuple(pointArb, fc.double({ min: 0.0005, max: 0.2, noNaN: true }))
        .map(([[x, y], h]) => square(x, y, h)),
      fc
        .array(pointArb, { minLength: 1, maxLength: 6 })
        .map((coordinates) => ({ type: 'LineString', coordinates }) as AreaGeometry),
      fc
        .array(
          fc
            .tuple(pointArb, fc.double({ min: 0.001, max: 0.05, noNaN: true }))
            .map(([[x, y], h]) => (square(x, y, h) as { coordinates: number[][][] }).coordinates),
          { minLength: 1, maxLength: 3 },
        )
        .map((coordinates) => ({ type: 'MultiPolygon', coordinates }) as AreaGeometry),
    );
    fc.assert(
      fc.property(
        fc.array(placeArb, { minLength: 0, maxLength: 400 }),
        fc.array(geometryArb, { minLength: 1, maxLength: 3 }),
        (places, geometries) => {
          const matcher = new PlaceMatcher(places);
          const expected = matchByScan(places, geometries);
          expect(matcher.match(geometries)).toEqual(expected);
          // Handed out a chunk at a time, as a fan-out reads them: the same places, each once.
          const chunks = [...matcher.matchEach(geometries, 7)];
          expect(chunks.every((c) => c.length > 0 && c.length <= 7)).toBe(true);
          expect(chunks.flat().sort((a, b) => a - b)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the place gazetteer', () => {
  it('has every city and district named in Kazakh, Russian and English, inside Kazakhstan', () => {
    for (const p of PLACES) {
      expect(p.names.kk && p.names.ru && p.names.en, p.id).toBeTruthy();
      expect(p.lat, p.id).toBeGreaterThan(40.5);
      expect(p.lat, p.id).toBeLessThan(55.5);
      expect(p.lon, p.id).toBeGreaterThan(46.5);
      expect(p.lon, p.id).toBeLessThan(87.4);
      expect(checkPlaceCircle(p.lon, p.lat, p.radiusM), p.id).toBeNull();
    }
    for (const id of ['astana', 'almaty', 'baikonur', 'zhezkazgan', 'astana-nura', 'almaty-medeu'])
      expect(findPlace(id), id).toBeDefined();
  });

  it('refuses bad coordinates, a radius of zero and a circle the size of the country, naming the field', () => {
    expect(checkPlaceCircle(71.4, 95, 1000)?.field).toBe('lat');
    expect(checkPlaceCircle(200, 51, 1000)?.field).toBe('lon');
    expect(checkPlaceCircle(71.4, 51, 0)?.field).toBe('radiusM');
    expect(checkPlaceCircle(71.4, 51, Number.NaN)?.field).toBe('radiusM');
    const country = checkPlaceCircle(67, 48, 1_500_000);
    expect(country?.field).toBe('radiusM');
    expect(country?.problem).toMatch(/1500 km .*largest is 50 km/);
  });
});
