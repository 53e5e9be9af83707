import type { AreaGeometry } from '../notice/notice.js';
import type { AlertArea } from './alert.js';

const CIRCLE_SIDES = 64;
const M_PER_DEG = 111_320;

/**
 * A circle as a polygon around it, for matching subscribers' places: the corners lie just outside
 * the circle (radius / cos(π/n)), so every edge stays outside it and nobody inside is missed; up to
 * 0.12 % of the radius beyond it is reached too, which for an alert is the right side to err on.
 */
export function circlePolygon(lon: number, lat: number, radiusM: number, sides = CIRCLE_SIDES): AreaGeometry {
  const r = radiusM / Math.cos(Math.PI / sides);
  const kLon = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const ring: number[][] = [];
  for (let i = 0; i < sides; i++) {
    const a = (2 * Math.PI * i) / sides;
    ring.push([lon + (r * Math.sin(a)) / kLon, lat + (r * Math.cos(a)) / M_PER_DEG]);
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The alert's area as the geometry subscribers' places are matched against. */
export const alertGeometry = (area: AlertArea): AreaGeometry =>
  area.kind === 'circle'
    ? circlePolygon(area.lon, area.lat, area.radiusM)
    : { type: 'Polygon', coordinates: [area.ring] };

const EARTH_RADIUS_KM = 6371.0088;

/**
 * The area an alert covers, in km². Polygons are measured on the sinusoidal projection, which keeps
 * areas true, so a country-sized ring is judged as fairly as a district; edges are taken as straight
 * on that projection, which for the sizes that matter here is well within the threshold's slack.
 */
export function areaKm2(area: AlertArea): number {
  if (area.kind === 'circle') return (Math.PI * area.radiusM * area.radiusM) / 1e6;
  const rad = Math.PI / 180;
  let twice = 0;
  const pts = area.ring.map(([lon, lat]) => [lon * rad * Math.cos(lat * rad), lat * rad] as const);
  for (let i = 0; i + 1 < pts.length; i++) {
    const [x1, y1] = pts[i]!;
    const [x2, y2] = pts[i + 1]!;
    twice += x1 * y2 - x2 * y1;
  }
  return (Math.abs(twice) / 2) * EARTH_RADIUS_KM * EARTH_RADIUS_KM;
}

/**
 * Whether an area is so wide (a region, the whole country) that approving it must name how many
 * people it reaches: a slip of the map should never turn a district's alert into the nation's.
 */
export const isWideArea = (area: AlertArea, thresholdKm2: number): boolean => areaKm2(area) >= thresholdKm2;
