import { orient } from './orient.js';
import { PolygonRegion } from './polygon.region.js';

/**
 * Few-point outlines that cover a detailed one, for CAP polygons.
 *
 * Cell-broadcast centres, WEA-style receivers and SMS gateways refuse or cut CAP polygons past about
 * a hundred points, while an imported district outline has thousands. Dropping points the usual way
 * (Douglas–Peucker) cuts corners off the area, and a resident in a cut-off corner gets no alert. Here
 * every step only ever adds area: the result contains the whole outline, and some land outside it.
 */

/** A position as GeoJSON writes it: [longitude, latitude]. */
export type LonLat = [number, number];

export interface CoverResult {
  /** Closed ([first] repeated last), same orientation as the input. */
  ring: LonLat[];
  /** False when the input already had at most `maxPoints` distinct positions and comes back as is. */
  simplified: boolean;
  /** Distinct positions of the input. */
  from: number;
}

/** CAP text writes 5 decimals (about a metre); a covering ring keeps covering after that rounding. */
export const COVER_DECIMALS = 5;

/**
 * Positions a CAP polygon may hold, the closing repeat included: cell-broadcast centres, WEA-style
 * receivers and SMS gateways commonly refuse or cut longer polygons.
 */
export const CAP_POLYGON_MAX_POINTS = 100;

/** Fewest points a cover can always be brought down to (the bounding box needs four). */
export const MIN_COVER_POINTS = 4;

/**
 * Outward margins tried in turn, in degrees of latitude: each is larger than the 5-decimal rounding
 * error (≈ 7·10⁻⁶ across a diagonal), so the rounded ring still contains what the exact one did.
 */
const MARGINS = [2e-5, 1e-4, 5e-4];

/** Cosine of the sharpest corner a merge may create (15°). */
const SHARPEST = Math.cos((15 * Math.PI) / 180);

/**
 * A simple ring of at most `maxPoints` distinct positions that contains the area of `input` (an
 * outer ring, closed or not, either orientation, itself simple): every point inside or on `input` is
 * inside or on the result, after rounding to {@link COVER_DECIMALS} decimals. Rings already within
 * `maxPoints` come back unchanged.
 *
 * Greedy outward removal picks, again and again, the move that adds the least area — dropping a
 * concave corner, or replacing two convex corners by the meeting point of their outer edges — as long
 * as it crosses no other edge. The convex hull is reduced the same way, and the bounding box is the
 * cover of last resort; each candidate is checked after rounding, and the smallest that passes wins.
 */
export function coverRing(input: readonly (readonly [number, number])[], maxPoints: number): CoverResult {
  if (!Number.isInteger(maxPoints) || maxPoints < MIN_COVER_POINTS)
    throw new RangeError(`maxPoints must be an integer of at least ${MIN_COVER_POINTS}`);
  const points = distinct(input);
  const from = points.length;
  if (from <= maxPoints) {
    const ring: LonLat[] = input.map(([lon, lat]) => [lon, lat]);
    if (ring.length > 0 && !same(ring[0]!, ring[ring.length - 1]!)) ring.push([...ring[0]!]);
    return { ring, simplified: false, from };
  }
  const clockwise = signedArea(points) < 0;
  const ccw = clockwise ? [...points].reverse() : points;
  const check = new Checker(ccw);
  const attempt = (shape: LonLat[]): LonLat[] | undefined => {
    const reduced = reduce(shape, maxPoints);
    if (!reduced) return undefined;
    for (const margin of MARGINS) {
      const ring = outward(reduced, margin);
      if (ring && check.covers(ring, maxPoints)) return ring;
    }
    return undefined;
  };
  // The hull and the box are not only fallbacks: for very few points they can be the smaller cover.
  const box = boxAround(ccw);
  const found = [attempt(ccw), attempt(convexHull(ccw)), check.covers(box, maxPoints) ? box : undefined];
  const ring =
    found.reduce<LonLat[] | undefined>(
      (best, r) => (r && (!best || signedArea(r) < signedArea(best)) ? r : best),
      undefined,
    ) ?? box;
  if (clockwise) ring.reverse();
  ring.push([...ring[0]!]);
  return { ring, simplified: true, from };
}

const same = (a: readonly number[], b: readonly number[]) => a[0] === b[0] && a[1] === b[1];

/** Positions without the closing repeat and without consecutive repeats. */
function distinct(input: readonly (readonly [number, number])[]): LonLat[] {
  const out: LonLat[] = [];
  for (const [lon, lat] of input) {
    if (out.length === 0 || !same(out[out.length - 1]!, [lon, lat])) out.push([lon, lat]);
  }
  while (out.length > 1 && same(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}

function signedArea(ring: readonly LonLat[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    s += (ring[j]![0] - ring[i]![0]) * (ring[j]![1] + ring[i]![1]);
  return s / 2;
}

const round = (v: number) => Number(v.toFixed(COVER_DECIMALS));

interface Move {
  cost: number;
  at: number;
  stamp: number;
  /** 0: drop the concave corner `at`; 1: replace `at` and the next corner by (px, py). */
  kind: 0 | 1;
  px: number;
  py: number;
}

/** Min-heap on cost. */
class Heap {
  private readonly items: Move[] = [];
  get size() {
    return this.items.length;
  }
  push(m: Move) {
    const a = this.items;
    a.push(m);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (a[p]!.cost <= a[i]!.cost) break;
      [a[p], a[i]] = [a[i]!, a[p]!];
      i = p;
    }
  }
  pop(): Move {
    const a = this.items;
    const top = a[0]!;
    const last = a.pop()!;
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && a[l]!.cost < a[m]!.cost) m = l;
        if (r < a.length && a[r]!.cost < a[m]!.cost) m = r;
        if (m === i) break;
        [a[m], a[i]] = [a[i]!, a[m]!];
        i = m;
      }
    }
    return top;
  }
}

/**
 * Greedy outward reduction of a counter-clockwise simple ring to at most `maxPoints` corners, in a
 * local plane (x = lon·cos(mean lat), y = lat) so that areas compare as on the ground. Each accepted
 * move adds a triangle outside the ring and its new edges touch no other edge, so the ring stays
 * simple and keeps containing what it contained. Undefined when every remaining move is blocked.
 */
function reduce(ring: readonly LonLat[], maxPoints: number): LonLat[] | undefined {
  const n = ring.length;
  if (n <= maxPoints) return ring.map(([x, y]) => [x, y]);
  const meanLat = ring.reduce((s, p) => s + p[1], 0) / n;
  const k = Math.cos((meanLat * Math.PI) / 180) || 1;
  const xs = Float64Array.from(ring, (p) => p[0] * k);
  const ys = Float64Array.from(ring, (p) => p[1]);
  const prev = Int32Array.from({ length: n }, (_, i) => (i + n - 1) % n);
  const next = Int32Array.from({ length: n }, (_, i) => (i + 1) % n);
  const alive = new Uint8Array(n).fill(1);
  const stamp = new Int32Array(n);
  let count = n;
  let head = 0;
  const grid = new EdgeGrid(xs, ys, n);
  const place = (i: number) => grid.add(i, xs[i]!, ys[i]!, xs[next[i]!]!, ys[next[i]!]!);
  for (let i = 0; i < n; i++) place(i);

  const o = (a: number, b: number, c: number) => orient(xs[a]!, ys[a]!, xs[b]!, ys[b]!, xs[c]!, ys[c]!);

  const candidates = (heap: Heap, v: number) => {
    const u = prev[v]!;
    const w = next[v]!;
    const turn = o(u, v, w);
    if (turn <= 0) {
      const cost =
        Math.abs((xs[w]! - xs[u]!) * (ys[v]! - ys[u]!) - (ys[w]! - ys[u]!) * (xs[v]! - xs[u]!)) / 2;
      heap.push({ cost, at: v, stamp: stamp[v]!, kind: 0, px: 0, py: 0 });
      return;
    }
    const x = next[w]!;
    if (x === u || o(v, w, x) <= 0) return;
    const d1x = xs[v]! - xs[u]!;
    const d1y = ys[v]! - ys[u]!;
    const d2x = xs[w]! - xs[x]!;
    const d2y = ys[w]! - ys[x]!;
    const rx = xs[w]! - xs[v]!;
    const ry = ys[w]! - ys[v]!;
    const den = d1x * d2y - d1y * d2x;
    if (den === 0) return;
    const s = (rx * d2y - ry * d2x) / den;
    const t = (rx * d1y - ry * d1x) / den;
    if (!(s > 0 && t > 0 && Number.isFinite(s) && Number.isFinite(t))) return;
    // A sharp new corner is a spike of little area but long reach, and no margin can be drawn round it.
    if (d1x * d2x + d1y * d2y > SHARPEST * Math.hypot(d1x, d1y) * Math.hypot(d2x, d2y)) return;
    const px = xs[v]! + s * d1x;
    const py = ys[v]! + s * d1y;
    if (orient(xs[v]!, ys[v]!, xs[w]!, ys[w]!, px, py) >= 0) return;
    const cost = Math.abs(rx * (py - ys[v]!) - ry * (px - xs[v]!)) / 2;
    heap.push({ cost, at: v, stamp: stamp[v]!, kind: 1, px, py });
  };

  /** Whether segment a–b touches any current edge other than those starting at the `skip` corners. */
  const blocked = (
    ax: number,
    ay: number,
    bx: number,
    by: number,
    s0: number,
    s1: number,
    s2: number,
    s3: number,
  ): boolean => {
    const minX = Math.min(ax, bx);
    const maxX = Math.max(ax, bx);
    const minY = Math.min(ay, by);
    const maxY = Math.max(ay, by);
    const found = grid.near(minX, minY, maxX, maxY);
    for (let f = 0; f < found.length; f++) {
      const i = found[f]!;
      if (!alive[i] || i === s0 || i === s1 || i === s2 || i === s3) continue;
      const j = next[i]!;
      const cx = xs[i]!;
      const cy = ys[i]!;
      const dx = xs[j]!;
      const dy = ys[j]!;
      if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX)) continue;
      if ((cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
      if (segmentsTouch(ax, ay, bx, by, cx, cy, dx, dy)) return true;
    }
    return false;
  };

  /** For the edge u→w that replaces u→v→w: it may share its ends with the edges around, nothing else. */
  const shortcutBlocked = (u: number, w: number, v: number): boolean => {
    const before = prev[u]!;
    const after = next[w]!;
    const [ux, uy, wx, wy] = [xs[u]!, ys[u]!, xs[w]!, ys[w]!];
    // The neighbouring edges share an end with u→w; they must not run back along it.
    if (orient(ux, uy, wx, wy, xs[before]!, ys[before]!) === 0) {
      if ((xs[before]! - ux) * (wx - ux) + (ys[before]! - uy) * (wy - uy) > 0) return true;
    }
    if (orient(ux, uy, wx, wy, xs[after]!, ys[after]!) === 0) {
      if ((xs[after]! - wx) * (ux - wx) + (ys[after]! - wy) * (uy - wy) > 0) return true;
    }
    if (after === before) return false;
    const inner = blocked(ux, uy, wx, wy, before, u, v, w);
    return inner;
  };

  const refresh = (heap: Heap, around: number) => {
    let a = around;
    for (let i = 0; i < 3; i++) a = prev[a]!;
    for (let i = 0; i < 7; i++, a = next[a]!) {
      stamp[a]!++;
      candidates(heap, a);
    }
  };

  const unlink = (v: number) => {
    alive[v] = 0;
    next[prev[v]!] = next[v]!;
    prev[next[v]!] = prev[v]!;
    if (head === v) head = next[v]!;
    count--;
  };

  let progress = true;
  while (count > maxPoints && progress) {
    progress = false;
    const heap = new Heap();
    let i = head;
    for (let step = 0; step < count; step++, i = next[i]!) candidates(heap, i);
    while (count > maxPoints && heap.size > 0) {
      const m = heap.pop();
      const v = m.at;
      if (!alive[v] || stamp[v] !== m.stamp) continue;
      const u = prev[v]!;
      const w = next[v]!;
      if (m.kind === 0) {
        if (shortcutBlocked(u, w, v)) continue;
        unlink(v);
        place(u);
        refresh(heap, u);
      } else {
        const x = next[w]!;
        const [vx, vy, wx, wy] = [xs[v]!, ys[v]!, xs[w]!, ys[w]!];
        if (blocked(vx, vy, m.px, m.py, u, v, w, w) || blocked(m.px, m.py, wx, wy, u, v, w, w)) continue;
        if (x === prev[u]) continue;
        xs[v] = m.px;
        ys[v] = m.py;
        unlink(w);
        place(u);
        place(v);
        refresh(heap, v);
      }
      progress = true;
    }
  }
  if (count > maxPoints) return undefined;
  const out: LonLat[] = [];
  let i = head;
  for (let step = 0; step < count; step++, i = next[i]!) out.push([xs[i]! / k, ys[i]!]);
  return out;
}

/**
 * Uniform grid of edges by bounding box, so a move looks only at edges near it: without it the
 * greedy is quadratic, and an outline of a hundred thousand points would hold a request for minutes.
 * An edge is filed under its start corner and re-filed whenever it changes; stale filings are
 * harmless because callers test the edge as it is now. Positions outside the grid (corners pushed
 * outward) clamp to its border cells, for filing and lookup alike.
 */
class EdgeGrid {
  private readonly cells: number[][];
  private readonly side: number;
  private readonly x0: number;
  private readonly y0: number;
  private readonly sx: number;
  private readonly sy: number;
  private readonly seen: Int32Array;
  private visit = 0;
  private readonly out: number[] = [];

  constructor(xs: Float64Array, ys: Float64Array, n: number) {
    let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < n; i++) {
      minX = Math.min(minX, xs[i]!);
      maxX = Math.max(maxX, xs[i]!);
      minY = Math.min(minY, ys[i]!);
      maxY = Math.max(maxY, ys[i]!);
    }
    this.side = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n))));
    this.x0 = minX;
    this.y0 = minY;
    this.sx = maxX > minX ? this.side / (maxX - minX) : 0;
    this.sy = maxY > minY ? this.side / (maxY - minY) : 0;
    this.cells = Array.from({ length: this.side * this.side }, () => []);
    this.seen = new Int32Array(n);
  }

  private cx(x: number): number {
    const c = Math.floor((x - this.x0) * this.sx);
    return c < 0 ? 0 : c >= this.side ? this.side - 1 : c;
  }

  private cy(y: number): number {
    const c = Math.floor((y - this.y0) * this.sy);
    return c < 0 ? 0 : c >= this.side ? this.side - 1 : c;
  }

  add(i: number, ax: number, ay: number, bx: number, by: number): void {
    const [c0, c1, r0, r1] = [
      this.cx(Math.min(ax, bx)),
      this.cx(Math.max(ax, bx)),
      this.cy(Math.min(ay, by)),
      this.cy(Math.max(ay, by)),
    ];
    for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) this.cells[r * this.side + c]!.push(i);
  }

  /** Edges filed in the cells the box touches, each once; the array is reused by the next call. */
  near(minX: number, minY: number, maxX: number, maxY: number): readonly number[] {
    const out = this.out;
    out.length = 0;
    const visit = ++this.visit;
    const [c0, c1, r0, r1] = [this.cx(minX), this.cx(maxX), this.cy(minY), this.cy(maxY)];
    for (let r = r0; r <= r1; r++) {
      for (let c = c0; c <= c1; c++) {
        for (const i of this.cells[r * this.side + c]!) {
          if (this.seen[i] === visit) continue;
          this.seen[i] = visit;
          out.push(i);
        }
      }
    }
    return out;
  }
}

/** Segments share at least one point (touching and collinear overlap included). */
function segmentsTouch(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  const o1 = Math.sign(orient(ax, ay, bx, by, cx, cy));
  const o2 = Math.sign(orient(ax, ay, bx, by, dx, dy));
  const o3 = Math.sign(orient(cx, cy, dx, dy, ax, ay));
  const o4 = Math.sign(orient(cx, cy, dx, dy, bx, by));
  if (o1 * o2 > 0 || o3 * o4 > 0) return false;
  if (o1 !== 0 || o2 !== 0 || o3 !== 0 || o4 !== 0) return true;
  // All four on one line: overlap of the projections.
  const useX = Math.abs(bx - ax) + Math.abs(dx - cx) >= Math.abs(by - ay) + Math.abs(dy - cy);
  const [p0, p1, q0, q1] = useX ? [ax, bx, cx, dx] : [ay, by, cy, dy];
  return Math.max(Math.min(p0, p1), Math.min(q0, q1)) <= Math.min(Math.max(p0, p1), Math.max(q0, q1));
}

/**
 * Every edge moved `margin` degrees outward (miter joins), then rounded to CAP precision, in the
 * local plane. Undefined for a hairpin corner whose miter would shoot far away.
 */
function outward(ring: readonly LonLat[], margin: number): LonLat[] | undefined {
  const n = ring.length;
  const meanLat = ring.reduce((s, p) => s + p[1], 0) / n;
  const k = Math.cos((meanLat * Math.PI) / 180) || 1;
  const out: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const [ax, ay] = ring[(i + n - 1) % n]!;
    const [bx, by] = ring[i]!;
    const [cx, cy] = ring[(i + 1) % n]!;
    const n1 = normal((bx - ax) * k, by - ay);
    const n2 = normal((cx - bx) * k, cy - by);
    const d = 1 + n1[0] * n2[0] + n1[1] * n2[1];
    if (!(d > 0.02)) return undefined;
    const mx = ((n1[0] + n2[0]) / d) * margin;
    const my = ((n1[1] + n2[1]) / d) * margin;
    const p: LonLat = [round(bx + mx / k), round(Math.max(-90, Math.min(90, by + my)))];
    if (out.length === 0 || !same(out[out.length - 1]!, p)) out.push(p);
  }
  while (out.length > 1 && same(out[0]!, out[out.length - 1]!)) out.pop();
  return out;
}

/** Unit normal pointing right of the direction, outward for a counter-clockwise ring. */
function normal(dx: number, dy: number): [number, number] {
  const len = Math.hypot(dx, dy) || 1;
  return [dy / len, -dx / len];
}

/** Counter-clockwise convex hull (monotone chain, exact turns), collinear points dropped. */
function convexHull(points: readonly LonLat[]): LonLat[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const half = (list: readonly LonLat[]) => {
    const h: LonLat[] = [];
    for (const p of list) {
      while (h.length >= 2 && orient(...h[h.length - 2]!, ...h[h.length - 1]!, ...p) <= 0) h.pop();
      h.push(p);
    }
    h.pop();
    return h;
  };
  return [...half(sorted), ...half([...sorted].reverse())];
}

/** The bounding box, widened past rounding and rounded outward: covers anything, always simple. */
function boxAround(points: readonly LonLat[]): LonLat[] {
  const margin = MARGINS[0]!;
  const scale = 10 ** COVER_DECIMALS;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const w = Math.floor((Math.min(...lons) - margin) * scale) / scale;
  const e = Math.ceil((Math.max(...lons) + margin) * scale) / scale;
  const s = Math.max(-90, Math.floor((Math.min(...lats) - margin) * scale) / scale);
  const nn = Math.min(90, Math.ceil((Math.max(...lats) + margin) * scale) / scale);
  return [
    [w, s],
    [e, s],
    [e, nn],
    [w, nn],
  ];
}

/**
 * The acceptance test, on the rounded positions exactly as CAP will carry them: the candidate is a
 * simple ring of at most `maxPoints` corners; every input position is inside or on it; none of its
 * corners lies inside or on the input; and no input edge properly crosses one of its edges. With
 * the input's whole boundary inside the candidate, so is the area it encloses.
 */
class Checker {
  private readonly region: PolygonRegion;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;
  constructor(private readonly input: readonly LonLat[]) {
    this.xs = Float64Array.from(input, (p) => p[0]);
    this.ys = Float64Array.from(input, (p) => p[1]);
    this.region = new PolygonRegion([{ kind: 'polygon', rings: [closedFlat(input)] }]);
  }

  covers(ring: readonly LonLat[], maxPoints: number): boolean {
    if (ring.length < 3 || ring.length > maxPoints) return false;
    if (!isSimple(ring) || signedArea(ring) <= 0) return false;
    for (const [x, y] of ring) if (this.region.contains(x, y)) return false;
    const cover = new PolygonRegion([{ kind: 'polygon', rings: [closedFlat(ring)] }]);
    for (const [x, y] of this.input) if (!cover.contains(x, y)) return false;
    const m = ring.length;
    const n = this.input.length;
    for (let j = 0; j < m; j++) {
      const [ax, ay] = ring[j]!;
      const [bx, by] = ring[(j + 1) % m]!;
      const minX = Math.min(ax, bx);
      const maxX = Math.max(ax, bx);
      const minY = Math.min(ay, by);
      const maxY = Math.max(ay, by);
      const { xs, ys } = this;
      for (let i = 0; i < n; i++) {
        const i1 = i + 1 === n ? 0 : i + 1;
        const cx = xs[i]!;
        const cy = ys[i]!;
        const dx = xs[i1]!;
        const dy = ys[i1]!;
        if ((cx < minX && dx < minX) || (cx > maxX && dx > maxX)) continue;
        if ((cy < minY && dy < minY) || (cy > maxY && dy > maxY)) continue;
        if (properlyCross(ax, ay, bx, by, cx, cy, dx, dy)) return false;
      }
    }
    return true;
  }
}

function closedFlat(ring: readonly LonLat[]): Float64Array {
  const flat = new Float64Array((ring.length + 1) * 2);
  ring.forEach(([x, y], i) => {
    flat[i * 2] = x;
    flat[i * 2 + 1] = y;
  });
  flat[ring.length * 2] = ring[0]![0];
  flat[ring.length * 2 + 1] = ring[0]![1];
  return flat;
}

function properlyCross(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
  dx: number,
  dy: number,
): boolean {
  return (
    Math.sign(orient(ax, ay, bx, by, cx, cy)) * Math.sign(orient(ax, ay, bx, by, dx, dy)) < 0 &&
    Math.sign(orient(cx, cy, dx, dy, ax, ay)) * Math.sign(orient(cx, cy, dx, dy, bx, by)) < 0
  );
}

/**
 * Strictly simple: edges that are not neighbours share no point, neighbours share only their common
 * corner. Quadratic, for the short rings this module returns.
 */
export function isSimple(ring: readonly LonLat[]): boolean {
  const m = ring.length;
  for (let i = 0; i < m; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % m]!;
    if (same(a, b)) return false;
    for (let j = i + 1; j < m; j++) {
      const c = ring[j]!;
      const d = ring[(j + 1) % m]!;
      if (j === i + 1) {
        if (
          orient(...a, ...b, ...d) === 0 &&
          (d[0] - b[0]) * (a[0] - b[0]) + (d[1] - b[1]) * (a[1] - b[1]) > 0
        )
          return false;
      } else if ((j + 1) % m === i) {
        if (
          orient(...c, ...d, ...b) === 0 &&
          (b[0] - a[0]) * (c[0] - a[0]) + (b[1] - a[1]) * (c[1] - a[1]) > 0
        )
          return false;
      } else if (segmentsTouch(...a, ...b, ...c, ...d)) return false;
    }
  }
  return true;
}
