import type { PlanGeometry } from '../../core/exercise/geometry.js';

/** Metres per degree of latitude; a degree of longitude shrinks with the cosine of the latitude. */
const M_PER_DEG = 111_320;

/**
 * A small rectangle around a point, `width` × `height` metres, turned by `bearing` degrees — the
 * way a planner sketches a building's footprint or a cordon on the map.
 */
export function rect(lon: number, lat: number, width: number, height: number, bearing = 0): PlanGeometry {
  const rad = (bearing * Math.PI) / 180;
  const kx = M_PER_DEG * Math.cos((lat * Math.PI) / 180);
  const corners: [number, number][] = [
    [-width / 2, -height / 2],
    [width / 2, -height / 2],
    [width / 2, height / 2],
    [-width / 2, height / 2],
  ];
  const ring = corners.map(([x, y]): [number, number] => {
    const rx = x * Math.cos(rad) - y * Math.sin(rad);
    const ry = x * Math.sin(rad) + y * Math.cos(rad);
    return [round(lon + rx / kx), round(lat + ry / M_PER_DEG)];
  });
  return { type: 'Polygon', coordinates: [[...ring, ring[0]!]] };
}

/** A road closure drawn along a street's centre line, west/north end first. */
export function line(...points: [number, number][]): PlanGeometry {
  return { type: 'LineString', coordinates: points };
}

const round = (v: number) => Math.round(v * 1e6) / 1e6;
