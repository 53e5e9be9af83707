import type { MapGeometry, Position } from '../../map';

/*
 * The composer's area as the PIO works on it: a ring drawn, typed or taken from a boundary, or a
 * circle. Pure, so the round trips between the map, the text field and the boundary are tested here.
 */

/** "lat,lon lat,lon …" as CAP writes a polygon, to [lon, lat] positions; null when any pair is not two numbers. */
export function ringOf(text: string): Position[] | null {
  const pairs = text.trim().split(/\s+/).filter(Boolean);
  const ring: Position[] = [];
  for (const pair of pairs) {
    const parts = pair.split(',');
    if (parts.length !== 2) return null;
    const [lat, lon] = parts.map(Number) as [number, number];
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return null;
    ring.push([lon, lat]);
  }
  return ring;
}

const DIGITS = 5; // about a metre: finer says nothing more about an alert's area

/** [lon, lat] positions as CAP writes a polygon: "lat,lon" pairs, the first repeated at the end. */
export function ringText(ring: readonly Position[]): string {
  if (ring.length === 0) return '';
  const closed = sameSpot(ring[0]!, ring[ring.length - 1]!) ? ring : [...ring, ring[0]!];
  return closed.map(([lon, lat]) => `${round(lat)},${round(lon)}`).join(' ');
}

const round = (n: number) => Number(n.toFixed(DIGITS));
const sameSpot = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** A ring closed as GeoJSON wants it, so the map can draw what was typed. */
export function closedRing(ring: readonly Position[]): Position[] {
  if (ring.length === 0) return [];
  return sameSpot(ring[0]!, ring[ring.length - 1]!) ? [...ring] : [...ring, ring[0]!];
}

/**
 * What a boundary gives an alert. CAP polygons have no holes and an alert has one polygon, so a
 * single-part boundary gives its outer ring (an enclave inside it is reached too, the safe side for
 * an alert), and one of several parts gives nothing: which parts matter is the PIO's call.
 */
export type BoundaryRing = { ring: Position[]; holes: number } | { parts: number };

export function boundaryRing(geometry: MapGeometry): BoundaryRing {
  if (geometry.type === 'Polygon')
    return { ring: geometry.coordinates[0] ?? [], holes: geometry.coordinates.length - 1 };
  if (geometry.type === 'MultiPolygon') {
    if (geometry.coordinates.length === 1) {
      const only = geometry.coordinates[0]!;
      return { ring: only[0] ?? [], holes: only.length - 1 };
    }
    return { parts: geometry.coordinates.length };
  }
  return { parts: 0 };
}

/** The box around some positions, [west, south, east, north]; null for none. */
export function boxOf(positions: readonly Position[]): [number, number, number, number] | null {
  if (positions.length === 0) return null;
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positions) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return [w, s, e, n];
}
