/**
 * Pure geometry for the public site's server-drawn maps: fit a lon/lat box into a picture, project,
 * simplify to what a pixel can show, and clip to the picture. No I/O.
 */

export type LonLat = readonly [number, number];
export type Pt = [number, number];

export interface Box {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Projection {
  width: number;
  height: number;
  project(p: LonLat): Pt;
  /** Kilometres one picture unit covers, for the scale bar. */
  kmPerUnit: number;
}

const KM_PER_DEG_LAT = 111.32;

export function boxOf(points: Iterable<LonLat>): Box | null {
  let box: Box | null = null;
  for (const [lon, lat] of points) {
    if (!Number.isFinite(lon) || !Number.isFinite(lat)) continue;
    if (!box) box = { west: lon, south: lat, east: lon, north: lat };
    else {
      box.west = Math.min(box.west, lon);
      box.east = Math.max(box.east, lon);
      box.south = Math.min(box.south, lat);
      box.north = Math.max(box.north, lat);
    }
  }
  return box;
}

/** Grows a box to at least `minKm` across each way, around its middle, so a single street is not blown up to fill the picture. */
export function atLeast(box: Box, minKm: number): Box {
  const midLat = (box.south + box.north) / 2;
  const midLon = (box.west + box.east) / 2;
  const halfLat = Math.max((box.north - box.south) / 2, minKm / 2 / KM_PER_DEG_LAT);
  const kmPerDegLon = KM_PER_DEG_LAT * Math.cos((midLat * Math.PI) / 180);
  const halfLon = Math.max((box.east - box.west) / 2, minKm / 2 / kmPerDegLon);
  return { west: midLon - halfLon, east: midLon + halfLon, south: midLat - halfLat, north: midLat + halfLat };
}

/**
 * An equirectangular projection scaled by the cosine of the middle latitude: at a city's or a
 * country's scale it keeps shapes right to within a few percent, which is all a locator map needs,
 * and it is cheap enough to run for every vertex.
 */
export function fit(box: Box, width: number, maxHeight: number, padding = 0.08): Projection {
  const k = Math.cos((((box.south + box.north) / 2) * Math.PI) / 180);
  const spanX = Math.max((box.east - box.west) * k, 1e-9);
  const spanY = Math.max(box.north - box.south, 1e-9);
  const inner = width * (1 - 2 * padding);
  let scale = inner / spanX;
  let height = Math.round(spanY * scale + width * 2 * padding);
  if (height > maxHeight) {
    height = maxHeight;
    scale = (maxHeight - width * 2 * padding) / spanY;
  }
  const cx = ((box.west + box.east) / 2) * k;
  const cy = (box.south + box.north) / 2;
  return {
    width,
    height,
    project: ([lon, lat]) => [width / 2 + (lon * k - cx) * scale, height / 2 - (lat - cy) * scale],
    kmPerUnit: KM_PER_DEG_LAT / scale,
  };
}

function segmentDistance(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = dx * dx + dy * dy;
  const t = len === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker in picture units: drops vertices that move the line less than `tolerance`. */
export function simplify(points: Pt[], tolerance: number): Pt[] {
  if (points.length <= 2) return points;
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop()!;
    let worst = -1;
    let index = -1;
    for (let i = from + 1; i < to; i++) {
      const d = segmentDistance(points[i]!, points[from]!, points[to]!);
      if (d > worst) {
        worst = d;
        index = i;
      }
    }
    if (index !== -1 && worst > tolerance) {
      keep[index] = 1;
      stack.push([from, index], [index, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}

/** Sutherland–Hodgman: the part of a closed ring inside the rectangle [x0,x1]×[y0,y1]. */
export function clipRing(ring: Pt[], x0: number, y0: number, x1: number, y1: number): Pt[] {
  const edges: [(p: Pt) => boolean, (a: Pt, b: Pt) => Pt][] = [
    [(p) => p[0] >= x0, (a, b) => [x0, a[1] + ((b[1] - a[1]) * (x0 - a[0])) / (b[0] - a[0])]],
    [(p) => p[0] <= x1, (a, b) => [x1, a[1] + ((b[1] - a[1]) * (x1 - a[0])) / (b[0] - a[0])]],
    [(p) => p[1] >= y0, (a, b) => [a[0] + ((b[0] - a[0]) * (y0 - a[1])) / (b[1] - a[1]), y0]],
    [(p) => p[1] <= y1, (a, b) => [a[0] + ((b[0] - a[0]) * (y1 - a[1])) / (b[1] - a[1]), y1]],
  ];
  let out = ring;
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    for (let i = 0; i < input.length; i++) {
      const cur = input[i]!;
      const prev = input[(i + input.length - 1) % input.length]!;
      if (inside(cur)) {
        if (!inside(prev)) out.push(cross(prev, cur));
        out.push(cur);
      } else if (inside(prev)) out.push(cross(prev, cur));
    }
    if (out.length === 0) break;
  }
  return out;
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

/** SVG path data for projected points: `M x y L …`, closed with Z for rings. */
export function pathData(points: Pt[], closed: boolean): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  return `M${num(first![0])} ${num(first![1])}${rest.map((p) => `L${num(p[0])} ${num(p[1])}`).join('')}${closed ? 'Z' : ''}`;
}

/** A round length for a scale bar of at most `maxUnits` picture units: 1, 2 or 5 × 10ⁿ km. */
export function scaleBar(kmPerUnit: number, maxUnits: number): { km: number; units: number } {
  const maxKm = kmPerUnit * maxUnits;
  const power = 10 ** Math.floor(Math.log10(maxKm));
  const km = [5, 2, 1].map((m) => m * power).find((k) => k <= maxKm) ?? power;
  return { km, units: km / kmPerUnit };
}
