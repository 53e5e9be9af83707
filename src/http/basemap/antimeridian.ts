import type { MultiPolygon, Polygon, Position } from 'geojson';

/*
 * Natural Earth's world-atlas rings are drawn for a spherical renderer: Russia's Chukotka and Fiji
 * jump from +180 to −180 mid-ring and Antarctica runs round the pole. A flat map (MapLibre) draws
 * those jumps as lines across the whole world. Here each such ring is unwrapped to continuous
 * longitudes, closed over the pole when it encircles one, and cut at ±180 into pieces that each lie
 * within one world copy.
 */

function unwrap(ring: Position[]): Position[] {
  const out: Position[] = [];
  let shift = 0;
  for (let i = 0; i < ring.length; i++) {
    const [lon, lat] = ring[i] as [number, number];
    if (i > 0) {
      const prev = (ring[i - 1] as [number, number])[0];
      if (lon - prev > 180) shift -= 360;
      else if (prev - lon > 180) shift += 360;
    }
    out.push([lon + shift, lat]);
  }
  return out;
}

/** Keeps the part of a ring on one side of a meridian (Sutherland–Hodgman against one half-plane). */
function clip(ring: Position[], meridian: number, keepWest: boolean): Position[] {
  const inside = (p: Position) => (keepWest ? p[0]! <= meridian : p[0]! >= meridian);
  const cross = (a: Position, b: Position): Position => {
    const t = (meridian - a[0]!) / (b[0]! - a[0]!);
    return [meridian, a[1]! + t * (b[1]! - a[1]!)];
  };
  const out: Position[] = [];
  for (let i = 0; i < ring.length; i++) {
    const cur = ring[i]!;
    const prev = ring[(i + ring.length - 1) % ring.length]!;
    if (inside(cur)) {
      if (!inside(prev)) out.push(cross(prev, cur));
      out.push(cur);
    } else if (inside(prev)) out.push(cross(prev, cur));
  }
  if (out.length > 0) out.push(out[0]!);
  return out.length >= 4 ? out : [];
}

const shiftRing = (ring: Position[], by: number): Position[] => ring.map(([lon, lat]) => [lon! + by, lat!]);

/** The outer ring's pieces, each within [−180, 180] (holes are dropped where a ring is cut; none cross in the data). */
function splitRing(ring: Position[]): Position[][] {
  let open = unwrap(ring);
  const first = open[0]!;
  const last = open[open.length - 1]!;
  const drift = last[0]! - first[0]!;
  if (Math.abs(drift) > 180) {
    // The ring went all the way round: it encircles a pole. Close it over that pole.
    const pole = first[1]! < 0 ? -90 : 90;
    open = [...open.slice(0, -1), [last[0]!, pole], [first[0]!, pole], first];
  }
  const xs = open.map((p) => p[0]!);
  const min = Math.min(...xs);
  const max = Math.max(...xs);
  if (min >= -180 && max <= 180) return [open];
  const pieces: Position[][] = [];
  for (let k = Math.floor((min + 180) / 360); k <= Math.floor((max + 180) / 360); k++) {
    const west = -180 + k * 360;
    const piece = clip(clip(open, west, false), west + 360, true);
    if (piece.length) pieces.push(shiftRing(piece, -k * 360));
  }
  return pieces;
}

function crosses(ring: Position[]): boolean {
  for (let i = 1; i < ring.length; i++) if (Math.abs(ring[i]![0]! - ring[i - 1]![0]!) > 180) return true;
  return false;
}

/** The same area as a MultiPolygon a flat renderer draws correctly. */
export function cutAtAntimeridian(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (!polygons.some((p) => p.some(crosses))) return geometry;
  const out: Position[][][] = [];
  for (const polygon of polygons) {
    const [outer, ...holes] = polygon;
    if (!outer) continue;
    if (!crosses(outer)) out.push(polygon);
    else for (const piece of splitRing(outer)) out.push([piece]);
    void holes;
  }
  return { type: 'MultiPolygon', coordinates: out };
}
