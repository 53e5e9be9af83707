import { describe, expect, it } from 'vitest';
import { zxyToTileId } from './tile-id.js';

describe('PMTiles tile ids', () => {
  it('numbers zoom 0, then zoom 1 along the Hilbert curve, then zoom 2', () => {
    expect(zxyToTileId(0, 0, 0)).toBe(0);
    expect([zxyToTileId(1, 0, 0), zxyToTileId(1, 0, 1), zxyToTileId(1, 1, 1), zxyToTileId(1, 1, 0)]).toEqual([
      1, 2, 3, 4,
    ]);
    expect(zxyToTileId(2, 0, 0)).toBe(5);
  });

  it('matches the reference implementation on a street-level tile and at the deepest zoom', () => {
    expect(zxyToTileId(12, 3423, 1763)).toBe(19_078_479);
    expect(zxyToTileId(26, 2 ** 26 - 1, 0)).toBe((4 ** 27 - 1) / 3 - 1);
  });

  it('gives each zoom a block of consecutive ids, each step moving to a tile next door', () => {
    for (let z = 0; z <= 5; z++) {
      const n = 2 ** z;
      const first = (4 ** z - 1) / 3;
      const at = new Map<number, [number, number]>();
      for (let x = 0; x < n; x++) for (let y = 0; y < n; y++) at.set(zxyToTileId(z, x, y) - first, [x, y]);
      expect([...at.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: n * n }, (_, i) => i));
      for (let i = 1; i < n * n; i++) {
        const [ax, ay] = at.get(i - 1)!;
        const [bx, by] = at.get(i)!;
        expect(Math.abs(ax - bx) + Math.abs(ay - by)).toBe(1);
      }
    }
  });
});
