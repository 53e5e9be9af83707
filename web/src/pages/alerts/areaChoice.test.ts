import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../map';
import { boundaryRing, boxOf, closedRing, ringOf, ringText } from './areaChoice';

const SQUARE: Position[] = [
  [76.9, 43.2],
  [77, 43.2],
  [77, 43.3],
  [76.9, 43.3],
  [76.9, 43.2],
];

describe('the composer area', () => {
  it('writes a drawn ring as CAP does, latitude first, and reads it back', () => {
    const text = ringText(SQUARE);
    expect(text).toBe('43.2,76.9 43.2,77 43.3,77 43.3,76.9 43.2,76.9');
    expect(ringOf(text)).toEqual(SQUARE);
  });

  it('closes a ring the map left open', () => {
    expect(ringText(SQUARE.slice(0, 4))).toBe(ringText(SQUARE));
    expect(closedRing(SQUARE.slice(0, 4))).toEqual(SQUARE);
  });

  it('keeps any ring through text to a metre', () => {
    const position = fc.tuple(
      fc.double({ min: -180, max: 180, noNaN: true }),
      fc.double({ min: -90, max: 90, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.array(position, { minLength: 3, maxLength: 30 }), (ring) => {
        const back = ringOf(ringText(ring as Position[]))!;
        const closed = closedRing(ring as Position[]);
        expect(back).toHaveLength(closed.length);
        back.forEach(([lon, lat], i) => {
          expect(Math.abs(lon - closed[i]![0])).toBeLessThanOrEqual(5e-6);
          expect(Math.abs(lat - closed[i]![1])).toBeLessThanOrEqual(5e-6);
        });
      }),
    );
  });

  it('refuses text that is not lat,lon pairs instead of guessing', () => {
    expect(ringOf('43.2,76.9 43.2')).toBeNull();
    expect(ringOf('43.2,76.9,1 43.3,77')).toBeNull();
    expect(ringOf('north,east')).toBeNull();
    expect(ringOf('')).toEqual([]);
  });

  it("takes a single-part boundary's outer ring, counting the holes it covers", () => {
    const hole: Position[] = [
      [76.95, 43.25],
      [76.96, 43.25],
      [76.96, 43.26],
      [76.95, 43.25],
    ];
    expect(boundaryRing({ type: 'Polygon', coordinates: [SQUARE, hole] })).toEqual({
      ring: SQUARE,
      holes: 1,
    });
    expect(boundaryRing({ type: 'MultiPolygon', coordinates: [[SQUARE]] })).toEqual({
      ring: SQUARE,
      holes: 0,
    });
  });

  it('gives no ring for a boundary of several parts, saying how many', () => {
    expect(boundaryRing({ type: 'MultiPolygon', coordinates: [[SQUARE], [SQUARE]] })).toEqual({ parts: 2 });
  });

  it('frames the positions given', () => {
    expect(boxOf(SQUARE)).toEqual([76.9, 43.2, 77, 43.3]);
    expect(boxOf([])).toBeNull();
  });
});
