import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { placeBadges } from './badges.js';

const R = 10;
const W = 640;
const H = 440;

const overlaps = (placed: ReturnType<typeof placeBadges>) => {
  const out: [number, number][] = [];
  for (let a = 0; a < placed.length; a++)
    for (let b = a + 1; b < placed.length; b++) {
      const [ax, ay] = placed[a]!.drawn;
      const [bx, by] = placed[b]!.drawn;
      if (Math.hypot(ax - bx, ay - by) < 2 * R) out.push([placed[a]!.number, placed[b]!.number]);
    }
  return out;
};

describe('map badges', () => {
  it('leave a lone badge on its spot', () => {
    expect(placeBadges([{ number: 1, at: [100, 100] }], R, W, H)).toEqual([
      { number: 1, at: [100, 100], drawn: [100, 100] },
    ]);
  });

  it('set badges on one spot around it, in number order from the top, none covering another', () => {
    const placed = placeBadges(
      [3, 1, 2].map((number) => ({ number, at: [300, 200] as [number, number] })),
      R,
      W,
      H,
    );
    expect(overlaps(placed)).toEqual([]);
    const one = placed.find((p) => p.number === 1)!;
    expect(one.drawn[0]).toBeCloseTo(300);
    expect(one.drawn[1]).toBeLessThan(200);
    for (const p of placed) expect(p.at).toEqual([300, 200]);
  });

  it('never stack badges, wherever the notices are, and keep them on the map', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: 0, max: W, noNaN: true }), fc.double({ min: 0, max: H, noNaN: true })),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        (spots) => {
          const placed = placeBadges(
            spots.map((at, i) => ({ number: i + 1, at })),
            R,
            W,
            H,
          );
          expect(overlaps(placed)).toEqual([]);
          for (const p of placed) {
            expect(p.drawn[0]).toBeGreaterThanOrEqual(R);
            expect(p.drawn[0]).toBeLessThanOrEqual(W - R);
            expect(p.drawn[1]).toBeGreaterThanOrEqual(R);
            expect(p.drawn[1]).toBeLessThanOrEqual(H - R);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
