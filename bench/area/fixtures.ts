/**
 * Seeded inputs shared by the area benchmarks, so every run (and every baseline in a run) sees the
 * same points and shapes.
 */
import type { PolygonArea } from '../../src/core/area/area.js';

/** mulberry32: small, fast, good enough to scatter benchmark points reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Astana's centre; the city the seed scenario starts in. */
export const CITY = { lon: 71.43, lat: 51.13 };

/** Subscriber points: dense districts around the centre plus a sparser spread over the region. */
export function subscriberPoints(
  n: number,
  seed = 42,
): { ids: Uint32Array; lon: Float64Array; lat: Float64Array } {
  const rand = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const districts = Array.from({ length: 8 }, () => [
    CITY.lon + (rand() - 0.5) * 0.3,
    CITY.lat + (rand() - 0.5) * 0.18,
  ]);
  const ids = new Uint32Array(n);
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    ids[i] = i;
    if (rand() < 0.7) {
      const [dx, dy] = districts[Math.floor(rand() * districts.length)]!;
      lon[i] = dx! + gauss() * 0.05;
      lat[i] = dy! + gauss() * 0.03;
    } else {
      lon[i] = CITY.lon + (rand() - 0.5) * 1.0;
      lat[i] = CITY.lat + (rand() - 0.5) * 0.6;
    }
  }
  return { ids, lon, lat };
}

/** A concave, city-like outline of `vertices` corners, roughly 25 km across. */
export function cityPolygon(vertices = 360, seed = 7): PolygonArea {
  const rand = prng(seed);
  const ring = new Float64Array((vertices + 1) * 2);
  const aspect = 1 / Math.cos((CITY.lat * Math.PI) / 180);
  for (let i = 0; i < vertices; i++) {
    const a = (2 * Math.PI * i) / vertices;
    const r = 0.11 * (1 + 0.28 * Math.sin(3 * a + 0.5) + 0.14 * Math.sin(7 * a) + 0.05 * (rand() - 0.5));
    ring[i * 2] = CITY.lon + r * aspect * Math.cos(a);
    ring[i * 2 + 1] = CITY.lat + r * Math.sin(a);
  }
  ring[vertices * 2] = ring[0]!;
  ring[vertices * 2 + 1] = ring[1]!;
  return { kind: 'polygon', rings: [ring] };
}

/** Median wall time of `runs` calls after one warm-up, in milliseconds, with the last result. */
export function timeIt<T>(runs: number, fn: () => T): { ms: number; result: T } {
  let result = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, result };
}
