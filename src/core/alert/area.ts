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
