import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { circleTouches } from '../notice/match.js';
import { alertGeometry, circlePolygon } from './area.js';

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
