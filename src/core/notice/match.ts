import type { Box, PolygonArea } from '../area/area.js';
import { MEAN_RADIUS_M } from '../area/geodesic.js';
import { PointIndex } from '../area/point.index.js';
import { PolygonRegion } from '../area/polygon.region.js';
import { BOX_MARGIN, Verdict, type Classified, type Region } from '../area/region.js';
import type { AreaGeometry } from './notice.js';

/** A subscription place: everything within `radiusM` metres of the centre. */
export interface PlaceCircle {
  lon: number;
  lat: number;
  radiusM: number;
}

const RAD = Math.PI / 180;
const M_PER_DEGREE = MEAN_RADIUS_M * RAD;

/** A box as a region, so the point index can hand back every centre inside it. */
class BoxRegion implements Region {
  constructor(readonly bbox: Box) {}
  contains(lon: number, lat: number): boolean {
    const [x0, y0, x1, y1] = this.bbox;
    return lon >= x0 && lon <= x1 && lat >= y0 && lat <= y1;
  }
  rootState(): unknown {
    return null;
  }
  classify(minX: number, minY: number, maxX: number, maxY: number, state: unknown): Classified {
    const [x0, y0, x1, y1] = this.bbox;
    if (maxX + BOX_MARGIN < x0 || minX - BOX_MARGIN > x1 || maxY + BOX_MARGIN < y0 || minY - BOX_MARGIN > y1)
      return { verdict: Verdict.Out, state };
    if (
      minX - BOX_MARGIN >= x0 &&
      maxX + BOX_MARGIN <= x1 &&
      minY - BOX_MARGIN >= y0 &&
      maxY + BOX_MARGIN <= y1
    )
      return { verdict: Verdict.In, state };
    return { verdict: Verdict.Mixed, state };
  }
}

/** One notice geometry ready for distance questions: its edges, and its inside when it has one. */
interface PreparedGeometry {
  bbox: Box;
  /** Flat [x0, y0, x1, y1, …] per edge, in degrees. */
  edges: Float64Array;
  inside: PolygonRegion | null;
}

function prepare(geometry: AreaGeometry): PreparedGeometry {
  const lines: number[][][] =
    geometry.type === 'Polygon'
      ? geometry.coordinates
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.flat()
        : geometry.type === 'LineString'
          ? [geometry.coordinates]
          : geometry.coordinates;
  const edges: number[] = [];
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const line of lines) {
    for (let i = 0; i < line.length; i++) {
      const [x, y] = line[i] as [number, number];
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
      const next = line[i + 1];
      if (next) edges.push(x, y, next[0]!, next[1]!);
    }
    // A single position (a degenerate line) still has a place: a zero-length edge.
    if (line.length === 1) edges.push(line[0]![0]!, line[0]![1]!, line[0]![0]!, line[0]![1]!);
  }
  const polygons: PolygonArea[] | null =
    geometry.type === 'Polygon'
      ? [toPolygon(geometry.coordinates)]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.map(toPolygon)
        : null;
  return {
    bbox: [minX, minY, maxX, maxY],
    edges: Float64Array.from(edges),
    inside: polygons && polygons.length ? new PolygonRegion(polygons) : null,
  };
}

const toPolygon = (rings: number[][][]): PolygonArea => ({
  kind: 'polygon',
  rings: rings.map((ring) => Float64Array.from(ring.flatMap((p) => [p[0]!, p[1]!]))),
});

/**
 * Distance in metres from a point to a geometry: 0 inside a polygon (or on its edge), otherwise to
 * the nearest edge. Edges are straight in lon/lat (as the area engine draws them); measured in a
 * local equirectangular frame at the point, which keeps straight edges straight and is well under
 * 0.1 % off within the 50 km a place may reach.
 */
function distanceToGeometryM(geometry: PreparedGeometry, lon: number, lat: number): number {
  if (geometry.inside?.contains(lon, lat)) return 0;
  const kx = Math.cos(lat * RAD) * M_PER_DEGREE;
  const ky = M_PER_DEGREE;
  const { edges } = geometry;
  let best = Infinity;
  for (let e = 0; e < edges.length; e += 4) {
    const ax = (edges[e]! - lon) * kx;
    const ay = (edges[e + 1]! - lat) * ky;
    const bx = (edges[e + 2]! - lon) * kx;
    const by = (edges[e + 3]! - lat) * ky;
    const dx = bx - ax;
    const dy = by - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : -(ax * dx + ay * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const px = ax + t * dx;
    const py = ay + t * dy;
    const d2 = px * px + py * py;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}

/** True when the circle touches the geometry: its centre is within its radius of it (inside counts). */
export function circleTouches(place: PlaceCircle, geometry: AreaGeometry): boolean {
  return distanceToGeometryM(prepare(geometry), place.lon, place.lat) <= place.radiusM;
}

/**
 * Many subscription places, indexed once, answering "whose places does this notice touch?". The
 * centres go into the area engine's point index; a query takes each geometry's box widened by the
 * largest radius (so no touching centre can lie outside it), asks the index for the centres in it,
 * and runs the exact distance test on those alone.
 */
export class PlaceMatcher {
  private readonly index: PointIndex;
  private readonly lon: Float64Array;
  private readonly lat: Float64Array;
  private readonly radius: Float64Array;
  private readonly maxRadiusM: number;
  private readonly minCosLat: number;

  /** Places are known by their position in `places` (0-based). */
  constructor(places: readonly PlaceCircle[]) {
    const n = places.length;
    this.lon = new Float64Array(n);
    this.lat = new Float64Array(n);
    this.radius = new Float64Array(n);
    let maxR = 0;
    let maxAbsLat = 0;
    for (let i = 0; i < n; i++) {
      const p = places[i]!;
      this.lon[i] = p.lon;
      this.lat[i] = p.lat;
      this.radius[i] = p.radiusM;
      maxR = Math.max(maxR, p.radiusM);
      maxAbsLat = Math.max(maxAbsLat, Math.abs(p.lat));
    }
    this.maxRadiusM = maxR;
    // Longitude degrees shrink towards the poles; the widest place's latitude bounds the widening.
    this.minCosLat = Math.max(Math.cos(Math.min(89.9, maxAbsLat) * RAD), 1e-3);
    this.index = PointIndex.build(
      Uint32Array.from({ length: n }, (_, i) => i),
      this.lon,
      this.lat,
    );
  }

  get size(): number {
    return this.radius.length;
  }

  /** Positions of the places any of the geometries touches, each once, ascending. */
  match(geometries: readonly AreaGeometry[]): number[] {
    const hit = new Uint8Array(this.size);
    for (const found of this.matchEach(geometries)) for (const i of found) hit[i] = 1;
    const out: number[] = [];
    for (let i = 0; i < hit.length; i++) if (hit[i] === 1) out.push(i);
    return out;
  }

  /**
   * The same places as {@link match}, each once, handed out in chunks of about `chunk` as the
   * index finds them (not in ascending order): a fan-out to a million can write its first batch
   * while the rest of its area is still being searched.
   */
  *matchEach(geometries: readonly AreaGeometry[], chunk = 4096): Generator<number[]> {
    const hit = new Uint8Array(this.size);
    const dLat = (this.maxRadiusM * 1.01) / M_PER_DEGREE + 1e-9;
    const dLon = (this.maxRadiusM * 1.01) / (M_PER_DEGREE * this.minCosLat) + 1e-9;
    let found: number[] = [];
    for (const geometry of geometries) {
      const g = prepare(geometry);
      if (g.edges.length === 0) continue;
      const [x0, y0, x1, y1] = g.bbox;
      const box: Box = [
        Math.max(-180, x0 - dLon),
        Math.max(-90, y0 - dLat),
        Math.min(180, x1 + dLon),
        Math.min(90, y1 + dLat),
      ];
      for (const i of this.index.query(new BoxRegion(box))) {
        if (hit[i] === 1) continue;
        if (distanceToGeometryM(g, this.lon[i]!, this.lat[i]!) > this.radius[i]!) continue;
        hit[i] = 1;
        found.push(i);
        if (found.length >= chunk) {
          yield found;
          found = [];
        }
      }
    }
    if (found.length) yield found;
  }
}

/** The same answer as {@link PlaceMatcher.match} by testing every place: the reference it is checked against. */
export function matchByScan(places: readonly PlaceCircle[], geometries: readonly AreaGeometry[]): number[] {
  const prepared = geometries.map(prepare).filter((g) => g.edges.length > 0);
  const out: number[] = [];
  places.forEach((p, i) => {
    if (prepared.some((g) => distanceToGeometryM(g, p.lon, p.lat) <= p.radiusM)) out.push(i);
  });
  return out;
}
