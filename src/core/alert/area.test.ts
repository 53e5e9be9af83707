import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circleTouches } from '../notice/match.js';
import { alertGeometry, areaKm2, circlePolygon, isWideArea } from './area.js';

const M_PER_DEG = 111_320;

describe('an alert circle as the polygon places are matched against', () => {
  it('misses nobody inside the circle, at any bearing, latitude or size', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 40.5, max: 55.5, noNaN: true }),
        fc.double({ min: 46.5, max: 87, noNaN: true }),
        fc.double({ min: 50, max: 300_000, noNaN: true }),
        fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }),
        fc.double({ min: 0, max: 0.995, noNaN: true }),
        (lat, lon, radiusM, bearing, fraction) => {
          const d = radiusM * fraction;
          const point = {
            lon: lon + (d * Math.sin(bearing)) / (M_PER_DEG * Math.cos((lat * Math.PI) / 180)),
            lat: lat + (d * Math.cos(bearing)) / M_PER_DEG,
            radiusM: 1,
          };
          expect(circleTouches(point, circlePolygon(lon, lat, radiusM))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reaches only a little beyond it', () => {
    const far = { lon: 76.95, lat: 43.25 + (10_000 * 1.02) / M_PER_DEG, radiusM: 1 };
    expect(circleTouches(far, circlePolygon(76.95, 43.25, 10_000))).toBe(false);
  });

  it('passes a polygon through as it is', () => {
    const ring: [number, number][] = [
      [76.88, 43.22],
      [76.98, 43.22],
      [76.98, 43.28],
      [76.88, 43.22],
    ];
    expect(alertGeometry({ kind: 'polygon', ring, region: 'KZ-75' })).toEqual({
      type: 'Polygon',
      coordinates: [ring],
    });
  });
});

describe('the area an alert covers', () => {
  const rect = (w: number, s: number, e: number, n: number) => ({
    kind: 'polygon' as const,
    region: 'KZ-75',
    ring: [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ] as [number, number][],
  });

  it('measures a one-degree cell at the equator and at Almaty’s latitude as the sphere has them', () => {
    // 111.195 km per degree of arc on the mean sphere.
    expect(areaKm2(rect(0, 0, 1, 1))).toBeCloseTo(12_363.7, -1);
    // At 43°N the cell narrows by cos(latitude), integrated over its height.
    const exact =
      (111.195 * 111.195 * ((Math.sin((44 * Math.PI) / 180) - Math.sin((43 * Math.PI) / 180)) * 180)) /
      Math.PI;
    expect(Math.abs(areaKm2(rect(76, 43, 77, 44)) - exact) / exact).toBeLessThan(0.001);
  });

  it('measures a circle as πr², whichever way the ring winds', () => {
    expect(areaKm2({ kind: 'circle', lon: 76.9, lat: 43.2, radiusM: 10_000, region: 'KZ-75' })).toBeCloseTo(
      314.16,
      1,
    );
    const r = rect(76, 43, 77, 44);
    expect(areaKm2({ ...r, ring: [...r.ring].reverse() })).toBeCloseTo(areaKm2(r), 6);
  });

  it('calls the country wide and a city district not', () => {
    const country = rect(46.5, 40.5, 87.3, 55.4);
    expect(areaKm2(country)).toBeGreaterThan(2_000_000);
    expect(isWideArea(country, 100_000)).toBe(true);
    expect(isWideArea(rect(76.88, 43.22, 76.98, 43.28), 100_000)).toBe(false);
  });
});
