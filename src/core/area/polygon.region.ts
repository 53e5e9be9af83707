import type { Box, PolygonArea } from './area.js';
import { orient } from './orient.js';
import { BOX_MARGIN, Verdict, type Classified, type Region } from './region.js';

/**
 * A polygon or multipolygon prepared for matching.
 *
 * Rule: edges are straight lines in longitude/latitude (as PostGIS geometry and CAP receivers draw
 * them); a point is inside when it lies in the interior **or on the boundary** — on any edge or vertex
 * of the outer ring or of a hole. Otherwise even-odd parity over all rings decides, which respects
 * holes and islands inside holes. The decision uses the exact orientation predicate.
 *
 * Edges are bucketed into horizontal strips so the exact test only looks at the few edges that share
 * the point's latitude band.
 */
export class PolygonRegion implements Region {
  readonly bbox: Box;
  private readonly ax: Float64Array;
  private readonly ay: Float64Array;
  private readonly bx: Float64Array;
  private readonly by: Float64Array;
  private readonly stripStart: Int32Array;
  private readonly stripEdges: Int32Array;
  private readonly stripScale: number;
  private readonly stripCount: number;
  private readonly all: Int32Array;

  constructor(polygons: readonly PolygonArea[]) {
    const count = polygons.reduce((n, p) => n + p.rings.reduce((m, r) => m + r.length / 2 - 1, 0), 0);
    this.ax = new Float64Array(count);
    this.ay = new Float64Array(count);
    this.bx = new Float64Array(count);
    this.by = new Float64Array(count);
    let e = 0;
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const polygon of polygons) {
      for (const ring of polygon.rings) {
        for (let i = 0; i + 3 < ring.length; i += 2, e++) {
          const [x0, y0, x1, y1] = [ring[i]!, ring[i + 1]!, ring[i + 2]!, ring[i + 3]!];
          this.ax[e] = x0;
          this.ay[e] = y0;
          this.bx[e] = x1;
          this.by[e] = y1;
          minX = Math.min(minX, x0);
          maxX = Math.max(maxX, x0);
          minY = Math.min(minY, y0);
          maxY = Math.max(maxY, y0);
        }
      }
    }
    this.bbox = [minX, minY, maxX, maxY];
    this.all = Int32Array.from({ length: count }, (_, i) => i);
    let strips = Math.max(1, Math.min(4096, count >> 1));
    // Long edges sit in many strips; fewer strips keep a comb-shaped input from blowing up memory.
    while (strips > 1 && this.entries(strips, minY, maxY) > 16 * count + 4096) strips >>= 1;
    this.stripScale = maxY > minY ? strips / (maxY - minY) : 0;
    this.stripCount = strips;
    [this.stripStart, this.stripEdges] = this.bucket(strips);
  }

  private entries(strips: number, minY: number, maxY: number): number {
    const scale = maxY > minY ? strips / (maxY - minY) : 0;
    let total = 0;
    for (let e = 0; e < this.ax.length; e++) {
      total += Math.floor((Math.max(this.ay[e]!, this.by[e]!) - minY) * scale);
      total -= Math.floor((Math.min(this.ay[e]!, this.by[e]!) - minY) * scale) - 1;
    }
    return total;
  }

  private strip(y: number): number {
    const s = Math.floor((y - this.bbox[1]) * this.stripScale);
    return s < 0 ? 0 : s >= this.stripCount ? this.stripCount - 1 : s;
  }

  private bucket(strips: number): [Int32Array, Int32Array] {
    const start = new Int32Array(strips + 1);
    const n = this.ax.length;
    const range = (e: number): [number, number] => {
      const a = this.ay[e]!;
      const b = this.by[e]!;
      return [this.strip(Math.min(a, b)), this.strip(Math.max(a, b))];
    };
    for (let e = 0; e < n; e++) {
      const [s0, s1] = range(e);
      for (let s = s0; s <= s1; s++) start[s + 1]!++;
    }
    for (let s = 0; s < strips; s++) start[s + 1]! += start[s]!;
    const fill = start.slice(0, strips);
    const edges = new Int32Array(start[strips]!);
    for (let e = 0; e < n; e++) {
      const [s0, s1] = range(e);
      for (let s = s0; s <= s1; s++) edges[fill[s]!++] = e;
    }
    return [start, edges];
  }

  /** Exact: true in the interior and on every edge and vertex. */
  contains(x: number, y: number): boolean {
    const [minX, minY, maxX, maxY] = this.bbox;
    if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) return false;
    const s = this.strip(y);
    const end = this.stripStart[s + 1]!;
    const { ax, ay, bx, by, stripEdges } = this;
    let inside = false;
    for (let k = this.stripStart[s]!; k < end; k++) {
      const e = stripEdges[k]!;
      const y0 = ay[e]!;
      const y1 = by[e]!;
      if (y0 > y !== y1 > y) {
        const o = orient(ax[e]!, y0, bx[e]!, y1, x, y);
        if (o === 0) return true;
        if (o > 0 === y1 > y0) inside = !inside;
      } else if (y0 === y || y1 === y) {
        const x0 = ax[e]!;
        const x1 = bx[e]!;
        if (x >= Math.min(x0, x1) && x <= Math.max(x0, x1) && orient(x0, y0, x1, y1, x, y) === 0) return true;
      }
    }
    return inside;
  }

  rootState(): unknown {
    return this.all;
  }

  classify(minX: number, minY: number, maxX: number, maxY: number, state: unknown): Classified {
    const [pMinX, pMinY, pMaxX, pMaxY] = this.bbox;
    const x0 = minX - BOX_MARGIN;
    const y0 = minY - BOX_MARGIN;
    const x1 = maxX + BOX_MARGIN;
    const y1 = maxY + BOX_MARGIN;
    if (x1 < pMinX || x0 > pMaxX || y1 < pMinY || y0 > pMaxY) return { verdict: Verdict.Out, state };
    const touching = this.edgesTouching(state as Int32Array, x0, y0, x1, y1);
    if (touching.length > 0) return { verdict: Verdict.Mixed, state: touching };
    // No edge comes near the box, so the whole box shares its centre's answer.
    const inside = this.contains((minX + maxX) / 2, (minY + maxY) / 2);
    return { verdict: inside ? Verdict.In : Verdict.Out, state: touching };
  }

  private edgesTouching(candidates: Int32Array, x0: number, y0: number, x1: number, y1: number): Int32Array {
    const out = new Int32Array(candidates.length);
    let n = 0;
    const { ax, ay, bx, by } = this;
    for (let k = 0; k < candidates.length; k++) {
      const e = candidates[k]!;
      const ex0 = ax[e]!;
      const ey0 = ay[e]!;
      const ex1 = bx[e]!;
      const ey1 = by[e]!;
      if (Math.max(ex0, ex1) < x0 || Math.min(ex0, ex1) > x1) continue;
      if (Math.max(ey0, ey1) < y0 || Math.min(ey0, ey1) > y1) continue;
      // The widened box keeps rounding here harmless: a line through the true box leaves a corner of
      // the widened box at least BOX_MARGIN away on each side.
      const dx = ex1 - ex0;
      const dy = ey1 - ey0;
      const s00 = dx * (y0 - ey0) - dy * (x0 - ex0);
      const s01 = dx * (y1 - ey0) - dy * (x0 - ex0);
      const s10 = dx * (y0 - ey0) - dy * (x1 - ex0);
      const s11 = dx * (y1 - ey0) - dy * (x1 - ex0);
      if (s00 > 0 && s01 > 0 && s10 > 0 && s11 > 0) continue;
      if (s00 < 0 && s01 < 0 && s10 < 0 && s11 < 0) continue;
      out[n++] = e;
    }
    return out.subarray(0, n);
  }
}
