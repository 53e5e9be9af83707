import { describe, expect, it } from 'vitest';
import { alertRingText } from '../../core/boundary/alert-ring.js';
import type { BoundaryGeometry } from '../../core/boundary/boundary.check.js';
import { alertRingsOf, IN_PLACE_POSITIONS } from './alert-rings.js';

/** A wobbly closed outline of `n` positions around Astana. */
function outline(n: number, lon = 71.45, lat = 51.17): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const r = 0.3 * (1 + 0.2 * Math.sin(3 * a) + 0.08 * Math.sin(11 * a + 1) + 0.01 * Math.sin(997 * a));
    ring.push([Number((lon + r * 1.6 * Math.cos(a)).toFixed(7)), Number((lat + r * Math.sin(a)).toFixed(7))]);
  }
  ring.push([...ring[0]!]);
  return ring;
}

const square: [number, number][] = [
  [76.9, 43.2],
  [77, 43.2],
  [77, 43.3],
  [76.9, 43.3],
  [76.9, 43.2],
];

describe('the alert rings of an import', () => {
  it('covers large outlines in a thread of its own, exactly as in place', async () => {
    const geometries: BoundaryGeometry[] = [
      { type: 'Polygon', coordinates: [outline(6_000)] },
      { type: 'Polygon', coordinates: [square] },
      { type: 'MultiPolygon', coordinates: [[square], [outline(500, 70, 45)]] },
    ];
    expect(await alertRingsOf(geometries)).toEqual(geometries.map(alertRingText));
  });

  it('keeps the event loop turning while a detailed outline is covered', async () => {
    let turns = 0;
    let covering = true;
    const tick = () => {
      turns++;
      if (covering) setImmediate(tick);
    };
    setImmediate(tick);
    const [ring] = await alertRingsOf([{ type: 'Polygon', coordinates: [outline(40_000)] }]);
    covering = false;
    expect(JSON.parse(ring!)).toMatchObject({ simplified: true, from: 40_000 });
    // Covered in place, the whole cover would have been one turn.
    expect(turns).toBeGreaterThan(20);
  });

  it('covers small outlines in place', async () => {
    let turned = false;
    setImmediate(() => (turned = true));
    const small: BoundaryGeometry = { type: 'Polygon', coordinates: [outline(IN_PLACE_POSITIONS / 4)] };
    const rings = alertRingsOf([small]);
    // Nothing else ran before the answer: no thread was waited for.
    expect(
      await Promise.race([rings, new Promise((resolve) => setImmediate(() => resolve('turned')))]),
    ).toEqual([alertRingText(small)]);
    expect(turned).toBe(false);
  });
});
