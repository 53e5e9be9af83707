import { describe, expect, it } from 'vitest';
import type { MultiPolygon, Position } from 'geojson';
import { cutAtAntimeridian } from './antimeridian.js';

const allLons = (g: MultiPolygon): number[] => g.coordinates.flat(2).map((p: Position) => p[0]!);

describe('cutting world polygons at the antimeridian', () => {
  it('leaves an ordinary country alone', () => {
    const square = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [70, 50],
          [75, 50],
          [75, 55],
          [70, 55],
          [70, 50],
        ],
      ],
    };
    expect(cutAtAntimeridian(square)).toBe(square);
  });

  it('cuts a ring that jumps from +179 to −179 into two pieces, one on each side', () => {
    const chukotka = {
      type: 'Polygon' as const,
      coordinates: [
        [
          [178, 65],
          [-178, 65],
          [-178, 68],
          [178, 68],
          [178, 65],
        ],
      ],
    };
    const cut = cutAtAntimeridian(chukotka) as MultiPolygon;
    expect(cut.coordinates).toHaveLength(2);
    for (const lon of allLons(cut)) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
    const wests = cut.coordinates.map((p) => Math.min(...p[0]!.map((q) => q[0]!)));
    expect(wests.sort((a, b) => a - b)).toEqual([-180, 178]);
  });

  it('closes a ring round the south pole over the pole', () => {
    const ring: Position[] = [];
    for (let lon = -180; lon < 180; lon += 30) ring.push([lon, -70]);
    ring.push([-180, -70]);
    const cut = cutAtAntimeridian({ type: 'Polygon', coordinates: [ring] }) as MultiPolygon;
    const lats = cut.coordinates.flat(2).map((p) => p[1]!);
    expect(Math.min(...lats)).toBe(-90);
    for (const lon of allLons(cut)) expect(Math.abs(lon)).toBeLessThanOrEqual(180);
  });
});
