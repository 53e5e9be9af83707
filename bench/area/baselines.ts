/**
 * The baselines our matcher is measured against: what a competent developer writes without our index
 * — a scan with a bounding-box reject then ray casting, or kdbush for the box then ray casting.
 */
import KDBush from 'kdbush';
import type { Ring } from '../../src/core/area/area.js';
import { circleBox, CircleRegion } from '../../src/core/area/circle.region.js';

/** Classic even-odd ray casting (W. R. Franklin), the usual point-in-polygon. */
export function rayCast(ring: Ring, x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
    const xi = ring[i]!;
    const yi = ring[i + 1]!;
    const xj = ring[j]!;
    const yj = ring[j + 1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function ringBox(ring: Ring): [number, number, number, number] {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < ring.length; i += 2) {
    x0 = Math.min(x0, ring[i]!);
    x1 = Math.max(x1, ring[i]!);
    y0 = Math.min(y0, ring[i + 1]!);
    y1 = Math.max(y1, ring[i + 1]!);
  }
  return [x0, y0, x1, y1];
}

/** Plain scan: every point, box reject, then ray casting. */
export function scanPolygon(ids: Uint32Array, lon: Float64Array, lat: Float64Array, ring: Ring): Uint32Array {
  const [x0, y0, x1, y1] = ringBox(ring);
  const out: number[] = [];
  for (let i = 0; i < lon.length; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && rayCast(ring, x, y)) out.push(ids[i]!);
  }
  return Uint32Array.from(out);
}

/** kdbush over the points, built the way its README shows. */
export function buildKdbush(lon: Float64Array, lat: Float64Array): KDBush {
  const index = new KDBush(lon.length);
  for (let i = 0; i < lon.length; i++) index.add(lon[i]!, lat[i]!);
  index.finish();
  return index;
}

/** kdbush range query on the polygon's box, then ray casting. */
export function kdbushPolygon(
  index: KDBush,
  ids: Uint32Array,
  lon: Float64Array,
  lat: Float64Array,
  ring: Ring,
): Uint32Array {
  const [x0, y0, x1, y1] = ringBox(ring);
  const out: number[] = [];
  for (const i of index.range(x0, y0, x1, y1)) if (rayCast(ring, lon[i]!, lat[i]!)) out.push(ids[i]!);
  return Uint32Array.from(out);
}

/**
 * kdbush range on the circle's box, then the same exact test we use (haversine bracket, Vincenty in
 * the rim band), so the comparison is of indexing alone.
 */
export function kdbushCircle(
  index: KDBush,
  ids: Uint32Array,
  lon: Float64Array,
  lat: Float64Array,
  c: { lon: number; lat: number; radiusM: number },
): Uint32Array {
  const [x0, y0, x1, y1] = circleBox({ kind: 'circle', ...c });
  const circle = new CircleRegion({ kind: 'circle', ...c });
  const out: number[] = [];
  for (const i of index.range(x0, y0, x1, y1)) if (circle.contains(lon[i]!, lat[i]!)) out.push(ids[i]!);
  return Uint32Array.from(out);
}

/** Plain scan for the circle: box reject, then the same exact test. */
export function scanCircle(
  ids: Uint32Array,
  lon: Float64Array,
  lat: Float64Array,
  c: { lon: number; lat: number; radiusM: number },
): Uint32Array {
  const [x0, y0, x1, y1] = circleBox({ kind: 'circle', ...c });
  const circle = new CircleRegion({ kind: 'circle', ...c });
  const out: number[] = [];
  for (let i = 0; i < lon.length; i++) {
    const x = lon[i]!;
    const y = lat[i]!;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && circle.contains(x, y)) out.push(ids[i]!);
  }
  return Uint32Array.from(out);
}
