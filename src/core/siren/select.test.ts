import { describe, expect, it } from 'vitest';
import { ALMATY_POLYGON } from '../alert/testing.js';
import { sirensInArea } from './select.js';

const sirens = [
  { id: 'medeu', lon: 76.95, lat: 43.25 },
  { id: 'corner', lon: 76.88, lat: 43.22 },
  { id: 'edge', lon: 76.98, lat: 43.25 },
  { id: 'alatau', lon: 76.85, lat: 43.25 },
  { id: 'karaganda', lon: 73.1, lat: 49.8 },
];

describe('sirens chosen by an alert area', () => {
  it('takes the sirens inside a polygon, its corners and edges included, and no other', () => {
    expect(sirensInArea(ALMATY_POLYGON, sirens).map((s) => s.id)).toEqual(['medeu', 'corner', 'edge']);
  });

  it('measures a circle along the geodesic: 2 km takes a siren 1.9 km away, not one 2.1 km away', () => {
    // 0.01° of latitude is about 1,111 m at Almaty.
    const circle = { kind: 'circle' as const, lon: 76.95, lat: 43.25, radiusM: 2000, region: 'KZ-75' };
    const near = { id: 'near', lon: 76.95, lat: 43.25 + 1900 / 111_100 };
    const far = { id: 'far', lon: 76.95, lat: 43.25 + 2100 / 111_100 };
    expect(sirensInArea(circle, [near, far]).map((s) => s.id)).toEqual(['near']);
  });

  it('takes nobody from an empty registry', () => {
    expect(sirensInArea(ALMATY_POLYGON, [])).toEqual([]);
  });
});
