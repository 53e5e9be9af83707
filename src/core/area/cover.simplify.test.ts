import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COVER_DECIMALS, coverRing, isSimple, type LonLat } from './cover.simplify.js';
import { checkCrossings } from './crossing.validate.js';
import { orient } from './orient.js';
import { PolygonRegion } from './polygon.region.js';

const RAD = Math.PI / 180;

/** Seeded, so a failing shape is the same shape next run. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const close = (ring: LonLat[]): LonLat[] => [...ring, [...ring[0]!]];

/** Star-shaped around (cx, cy) from radii in degrees of latitude: simple whatever the radii. */
function star(cx: number, cy: number, radii: readonly number[], phase = 0): LonLat[] {
  const k = Math.cos(cy * RAD);
  return close(
    radii.map((r, i) => {
      const a = phase + (2 * Math.PI * i) / radii.length;
      return [cx + (r * Math.cos(a)) / k, cy + r * Math.sin(a)];
    }),
  );
}

/** A comb: a spine along the bottom and `teeth` thin teeth pointing north. */
function comb(teeth: number): LonLat[] {
  const ring: LonLat[] = [
    [70, 50],
    [70 + teeth * 0.02, 50],
  ];
  for (let t = teeth - 1; t >= 0; t--) {
    const x = 70 + t * 0.02;
    ring.push([x + 0.02, 50.1], [x + 0.01, 50.1], [x + 0.01, 50.01], [x, 50.01]);
  }
  ring[ring.length - 1] = [70, 50.1];
  return close(ring);
}

/** A band wound twice round a centre: deep concave corridors that a careless cut would close. */
function spiral(steps: number): LonLat[] {
  const centre = (a: number): [number, number] => [0.02 + 0.01 * a, a];
  const at = (r: number, a: number): LonLat => [75 + r * Math.cos(a), 48 + r * Math.sin(a)];
  const outer: LonLat[] = [];
  const inner: LonLat[] = [];
  for (let i = 0; i <= steps; i++) {
    const [r, a] = centre((4 * Math.PI * i) / steps);
    outer.push(at(r + 0.015, a));
    inner.push(at(r - 0.015, a));
  }
  return close([...outer, ...inner.reverse()]);
}

function noisyCircle(n: number, seed: number): LonLat[] {
  const rnd = random(seed);
  return star(
    76.9,
    43.25,
    Array.from({ length: n }, () => 0.2 * (1 + 0.05 * (rnd() - 0.5))),
  );
}

/** A district-like outline: a few long wobbles, many short ones, and survey noise. */
function districtOutline(n: number, seed: number): LonLat[] {
  const rnd = random(seed);
  const waves = Array.from({ length: 12 }, (_, i) => ({
    f: i + 2,
    amp: (0.25 * rnd()) / (i + 1),
    ph: 2 * Math.PI * rnd(),
  }));
  const radii = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n;
    const wobble = waves.reduce((s, w) => s + w.amp * Math.sin(w.f * a + w.ph), 0);
    return 0.4 * (1 + wobble + 0.01 * (rnd() - 0.5));
  });
  return star(71.45, 51.17, radii).map(([x, y]) => [Number(x.toFixed(7)), Number(y.toFixed(7))]);
}

const flat = (ring: readonly LonLat[]): Float64Array => Float64Array.from(ring.flat());

const shoelace = (ring: readonly LonLat[]): number => {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++)
    s += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  return s / 2;
};

function bbox(ring: readonly LonLat[]): [number, number, number, number] {
  const xs = ring.map((p) => p[0]);
  const ys = ring.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

function hullArea(ring: readonly LonLat[]): number {
  const pts = [...ring].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (list: LonLat[]) => {
    const h: LonLat[] = [];
    for (const p of list) {
      while (h.length >= 2 && orient(...h[h.length - 2]!, ...h[h.length - 1]!, ...p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  const hull = [...half(pts), ...half([...pts].reverse())];
  return Math.abs(shoelace(close(hull)));
}

/**
 * What every simplified cover must be, checked independently of how it was made: closed, few
 * points, 5-decimal positions, simple, every input position inside or on it, and no input edge
 * properly crossing one of its edges.
 */
function expectCovers(input: readonly LonLat[], maxPoints: number): LonLat[] {
  const { ring, simplified, from } = coverRing(input, maxPoints);
  expect(simplified).toBe(true);
  expect(from).toBeLessThanOrEqual(input.length - 1);
  expect(ring[0]).toEqual(ring[ring.length - 1]);
  const open = ring.slice(0, -1);
  expect(open.length).toBeLessThanOrEqual(maxPoints);
  expect(new Set(open.map((p) => p.join())).size).toBe(open.length);
  for (const [x, y] of ring) {
    expect(Number(x.toFixed(COVER_DECIMALS))).toBe(x);
    expect(Number(y.toFixed(COVER_DECIMALS))).toBe(y);
  }
  expect(isSimple(open)).toBe(true);
  const problems: { where: string; problem: string }[] = [];
  checkCrossings([{ ring: flat(ring), name: 'cover' }], 'cover', problems);
  expect(problems).toEqual([]);
  expect(Math.sign(shoelace(ring))).toBe(Math.sign(shoelace(input as LonLat[])));
  const cover = new PolygonRegion([{ kind: 'polygon', rings: [flat(ring)] }]);
  const outside = input.filter(([x, y]) => !cover.contains(x, y));
  expect(outside).toEqual([]);
  let crossings = 0;
  for (let i = 0; i + 1 < input.length; i++) {
    const [c, d] = [input[i]!, input[i + 1]!];
    for (let j = 0; j + 1 < ring.length; j++) {
      const [a, b] = [ring[j]!, ring[j + 1]!];
      const o1 = Math.sign(orient(...a, ...b, ...c)) * Math.sign(orient(...a, ...b, ...d));
      const o2 = Math.sign(orient(...c, ...d, ...a)) * Math.sign(orient(...c, ...d, ...b));
      if (o1 < 0 && o2 < 0) crossings++;
    }
  }
  expect(crossings).toBe(0);
  return ring;
}

describe('coverRing', () => {
  it('returns a ring already within the limit unchanged, closing it when given open', () => {
    const square: LonLat[] = [
      [76.9, 43.2],
      [76.92, 43.2],
      [76.92, 43.22],
      [76.9, 43.22],
      [76.9, 43.2],
    ];
    expect(coverRing(square, 100)).toEqual({ ring: square, simplified: false, from: 4 });
    expect(coverRing(square.slice(0, 4), 4)).toEqual({ ring: square, simplified: false, from: 4 });
  });

  it('refuses a limit below four points, which not even a box meets', () => {
    expect(() => coverRing(noisyCircle(50, 1), 3)).toThrow(RangeError);
  });

  it('covers a spiky star with a few points', () => {
    const radii = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 0.5 : 0.2));
    expectCovers(star(71.4, 51.1, radii), 10);
  });

  it('covers a comb, bridging the gaps between the teeth', () => {
    const ring = expectCovers(comb(60), 20);
    const cover = new PolygonRegion([{ kind: 'polygon', rings: [flat(ring)] }]);
    // A point in a gap between teeth lies outside the comb but inside its cover: the safe side.
    expect(cover.contains(70.015, 50.05)).toBe(true);
  });

  it('covers a spiral band without cutting across its corridors', () => {
    expectCovers(spiral(300), 40);
    expectCovers(spiral(300), 8);
  });

  it('brings a 5,000-point noisy circle down to 100 points close to the circle', () => {
    const input = noisyCircle(5000, 7);
    const ring = expectCovers(input, 100);
    expect(Math.abs(shoelace(ring))).toBeLessThan(1.05 * hullArea(input));
  });

  it('covers a district-like outline in either orientation, keeping that orientation', () => {
    const input = districtOutline(3000, 11);
    expectCovers(input, 100);
    expectCovers([...input].reverse(), 100);
    expectCovers(input, 12);
  });

  it('covers random star-shaped polygons with at most the points asked, no larger than their bounding box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: 8, maxLength: 300 }),
        fc.double({ min: 0, max: 6, noNaN: true }),
        fc.integer({ min: 4, max: 40 }),
        fc.boolean(),
        (radii, phase, maxPoints, clockwise) => {
          const input = star(71.5, 51.1, radii, phase);
          if (clockwise) input.reverse();
          const { ring, simplified } = coverRing(input, maxPoints);
          if (!simplified) {
            expect(ring).toEqual(input);
            return;
          }
          expectCovers(input, maxPoints);
          // Never worse than the bounding box (widened by its margin and rounding).
          const [w, s, e, n] = bbox(input);
          expect(Math.abs(shoelace(ring))).toBeLessThanOrEqual((e - w + 1e-4) * (n - s + 1e-4));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('covers random positions on the 5-decimal grid, where rounding could shave a vertex off', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1000, max: 20_000 }), { minLength: 20, maxLength: 200 }),
        fc.integer({ min: 4, max: 25 }),
        (radii, maxPoints) => {
          const input = star(
            76.9,
            43.2,
            radii.map((r) => r / 1e5),
          ).map(([x, y]): LonLat => [Number(x.toFixed(5)), Number(y.toFixed(5))]);
          input[input.length - 1] = [...input[0]!];
          const problems: { where: string; problem: string }[] = [];
          checkCrossings([{ ring: flat(input), name: 'input' }], 'input', problems);
          fc.pre(problems.length === 0 && coverRing(input, maxPoints).simplified);
          expectCovers(input, maxPoints);
        },
      ),
      { numRuns: 150 },
    );
  });
});
