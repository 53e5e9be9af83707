import type { PolygonArea, Ring } from './area.js';
import type { AreaProblem } from './area.error.js';
import { checkCrossings, type NamedRing } from './crossing.validate.js';
import { PolygonRegion } from './polygon.region.js';
import { checkRing } from './ring.validate.js';

/** Ring names as a person reads them: "outer ring", "hole 2". */
const ringName = (i: number): string => (i === 0 ? 'outer ring' : `hole ${i}`);

/**
 * Checks a polygon (outer ring then holes) and, if sound, returns it. Holes must lie inside the outer
 * ring and not inside each other; no edges may cross. Problems name `where` plus the ring and edge.
 */
export function checkPolygon(
  rings: readonly Ring[],
  where: string,
  problems: AreaProblem[],
): PolygonArea | undefined {
  if (rings.length === 0) {
    problems.push({ where, problem: 'has no rings' });
    return undefined;
  }
  let sound = true;
  rings.forEach((ring, i) => {
    sound = checkRing(ring, `${where}, ${ringName(i)}`, problems) && sound;
  });
  if (!sound) return undefined;
  const before = problems.length;
  checkCrossings(
    rings.map((ring, i) => ({ ring, name: ringName(i) })),
    where,
    problems,
  );
  if (problems.length > before) return undefined;
  const outer = new PolygonRegion([{ kind: 'polygon', rings: [rings[0]!] }]);
  const holes = rings.slice(1).map((ring) => new PolygonRegion([{ kind: 'polygon', rings: [ring] }]));
  rings.slice(1).forEach((ring, h) => {
    if (!everyVertexIn(ring, outer)) {
      problems.push({ where: `${where}, ${ringName(h + 1)}`, problem: 'is not inside the outer ring' });
    }
    holes.forEach((other, k) => {
      if (k !== h && within(holes[h]!, other) && everyVertexIn(ring, other)) {
        problems.push({ where: `${where}, ${ringName(h + 1)}`, problem: `lies inside ${ringName(k + 1)}` });
      }
    });
  });
  return problems.length > before ? undefined : { kind: 'polygon', rings };
}

/**
 * Checks the parts of a multipolygon together: each part alone, then no edges crossing between parts
 * and no part inside another (parts may touch at points).
 */
export function checkParts(parts: readonly PolygonArea[], where: string, problems: AreaProblem[]): boolean {
  const before = problems.length;
  const named: NamedRing[] = parts.flatMap((part, p) =>
    part.rings.map((ring, i) => ({ ring, name: `part ${p} ${ringName(i)}` })),
  );
  checkCrossings(named, where, problems);
  if (problems.length > before) return false;
  const regions = parts.map((part) => new PolygonRegion([part]));
  parts.forEach((part, p) => {
    regions.forEach((other, q) => {
      if (q !== p && within(regions[p]!, other) && everyVertexIn(part.rings[0]!, other)) {
        problems.push({ where, problem: `part ${p} lies inside part ${q}; parts must not overlap` });
      }
    });
  });
  return problems.length === before;
}

function within(inner: PolygonRegion, outer: PolygonRegion): boolean {
  const [a0, a1, a2, a3] = inner.bbox;
  const [b0, b1, b2, b3] = outer.bbox;
  return a0 >= b0 && a1 >= b1 && a2 <= b2 && a3 <= b3;
}

function everyVertexIn(ring: Ring, region: PolygonRegion): boolean {
  for (let i = 0; i < ring.length; i += 2) if (!region.contains(ring[i]!, ring[i + 1]!)) return false;
  return true;
}
