import { describe, expect, it } from 'vitest';
import { geodesicDistanceM, sphericalDistanceM, SPHERE_SLACK } from './geodesic.js';

describe('geodesicDistanceM', () => {
  it("reproduces Vincenty's published Flinders Peak – Buninyong distance", () => {
    const d = geodesicDistanceM(
      144 + 25 / 60 + 29.5244 / 3600,
      -(37 + 57 / 60 + 3.7203 / 3600),
      143 + 55 / 60 + 35.3839 / 3600,
      -(37 + 39 / 60 + 10.1561 / 3600),
    );
    expect(d).toBeCloseTo(54972.271, 3);
  });

  it('is zero for the same point and symmetric across the antimeridian', () => {
    expect(geodesicDistanceM(71, 51, 71, 51)).toBe(0);
    expect(geodesicDistanceM(179.9, 0, -179.9, 0)).toBeCloseTo(geodesicDistanceM(-179.9, 0, 179.9, 0), 6);
    expect(geodesicDistanceM(179.9, 0, -179.9, 0)).toBeLessThan(23_000);
  });

  it('stays within the slack of the spherical distance the filter relies on', () => {
    for (let i = 0; i < 2000; i++) {
      const [x1, y1, x2, y2] = [
        Math.random() * 360 - 180,
        Math.random() * 180 - 90,
        Math.random() * 360 - 180,
        Math.random() * 180 - 90,
      ];
      const g = geodesicDistanceM(x1, y1, x2, y2);
      if (Number.isNaN(g) || g > 10_000_000) continue;
      const ratio = g / sphericalDistanceM(x1, y1, x2, y2);
      expect(Math.abs(ratio - 1)).toBeLessThan(SPHERE_SLACK / 1.5);
    }
  });
});
