import type { Ring } from './area.js';
import type { AreaProblem } from './area.error.js';
import { orient } from './orient.js';
import { showPoint } from './ring.validate.js';

/** A ring with the name a person sees in messages ("part 2, hole 1"). */
export interface NamedRing {
  readonly ring: Ring;
  readonly name: string;
}

/** Above this many edge pairs to compare the input is refused rather than validated for minutes. */
export const MAX_PAIR_CHECKS = 50_000_000;

interface Edges {
  ring: Int32Array;
  index: Int32Array;
  x0: Float64Array;
  y0: Float64Array;
  x1: Float64Array;
  y1: Float64Array;
}

/**
 * Finds edges that cross or run along each other, within one ring or between rings. Rings may touch
 * at single points (a hole touching its outer ring at a vertex is legal); a proper crossing or a shared
 * stretch of edge makes "inside" ambiguous and is refused. Sweep over edges sorted by west end.
 */
export function checkCrossings(rings: readonly NamedRing[], where: string, problems: AreaProblem[]): void {
  const edges = collect(rings);
  const n = edges.x0.length;
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) => Math.min(edges.x0[a]!, edges.x1[a]!) - Math.min(edges.x0[b]!, edges.x1[b]!),
  );
  let checks = 0;
  for (let p = 0; p < n; p++) {
    const a = order[p]!;
    const aMaxX = Math.max(edges.x0[a]!, edges.x1[a]!);
    for (let q = p + 1; q < n; q++) {
      const b = order[q]!;
      if (Math.min(edges.x0[b]!, edges.x1[b]!) > aMaxX) break;
      if (++checks > MAX_PAIR_CHECKS) {
        problems.push({
          where,
          problem: 'is too complex to validate (too many overlapping edges); simplify it',
        });
        return;
      }
      const problem = conflict(edges, a, b, rings);
      if (problem) {
        problems.push({ where, problem });
        return;
      }
    }
  }
}

function collect(rings: readonly NamedRing[]): Edges {
  const n = rings.reduce((s, r) => s + r.ring.length / 2 - 1, 0);
  const edges: Edges = {
    ring: new Int32Array(n),
    index: new Int32Array(n),
    x0: new Float64Array(n),
    y0: new Float64Array(n),
    x1: new Float64Array(n),
    y1: new Float64Array(n),
  };
  let e = 0;
  rings.forEach(({ ring }, r) => {
    for (let i = 0; i + 3 < ring.length; i += 2, e++) {
      edges.ring[e] = r;
      edges.index[e] = i / 2;
      edges.x0[e] = ring[i]!;
      edges.y0[e] = ring[i + 1]!;
      edges.x1[e] = ring[i + 2]!;
      edges.y1[e] = ring[i + 3]!;
    }
  });
  return edges;
}

function conflict(edges: Edges, a: number, b: number, rings: readonly NamedRing[]): string | undefined {
  const { x0, y0, x1, y1 } = edges;
  if (Math.max(y0[a]!, y1[a]!) < Math.min(y0[b]!, y1[b]!)) return undefined;
  if (Math.max(y0[b]!, y1[b]!) < Math.min(y0[a]!, y1[a]!)) return undefined;
  const [ax, ay, bx, by] = [x0[a]!, y0[a]!, x1[a]!, y1[a]!];
  const [cx, cy, dx, dy] = [x0[b]!, y0[b]!, x1[b]!, y1[b]!];
  const o1 = Math.sign(orient(ax, ay, bx, by, cx, cy));
  const o2 = Math.sign(orient(ax, ay, bx, by, dx, dy));
  const o3 = Math.sign(orient(cx, cy, dx, dy, ax, ay));
  const o4 = Math.sign(orient(cx, cy, dx, dy, bx, by));
  const label = (e: number) => `${rings[edges.ring[e]!]!.name} edge ${edges.index[e]}`;
  if (o1 * o2 < 0 && o3 * o4 < 0) {
    return `${label(a)} crosses ${label(b)} (self-intersection near ${showPoint(...crossPoint(ax, ay, bx, by, cx, cy, dx, dy))})`;
  }
  if (o1 === 0 && o2 === 0 && collinearOverlap(ax, ay, bx, by, cx, cy, dx, dy)) {
    return `${label(a)} runs along ${label(b)} (overlapping edges near ${showPoint(cx, cy)})`;
  }
  return undefined;
}

/** Collinear segments that share more than a single point. */
function collinearOverlap(...[ax, ay, bx, by, cx, cy, dx, dy]: number[]): boolean {
  // Project on the axis with the larger extent; equal projections mean equal points on a line.
  const useX = Math.abs(bx! - ax!) + Math.abs(dx! - cx!) >= Math.abs(by! - ay!) + Math.abs(dy! - cy!);
  const [p0, p1, q0, q1] = useX ? [ax!, bx!, cx!, dx!] : [ay!, by!, cy!, dy!];
  const lo = Math.max(Math.min(p0, p1), Math.min(q0, q1));
  const hi = Math.min(Math.max(p0, p1), Math.max(q0, q1));
  return hi > lo;
}

function crossPoint(...[ax, ay, bx, by, cx, cy, dx, dy]: number[]): [number, number] {
  const d = (bx! - ax!) * (dy! - cy!) - (by! - ay!) * (dx! - cx!);
  const t = ((cx! - ax!) * (dy! - cy!) - (cy! - ay!) * (dx! - cx!)) / d;
  return [+(ax! + t * (bx! - ax!)).toFixed(6), +(ay! + t * (by! - ay!)).toFixed(6)];
}
