import { MAX_RADIUS_M, type Box, type CircleArea } from './area.js';
import { areaError } from './area.error.js';
import { boxRadius, centralAngle, geodesicFrom, maxCosLat, MEAN_RADIUS_M, SPHERE_SLACK } from './geodesic.js';
import { BOX_MARGIN, Verdict, type Classified, type Region } from './region.js';

const RAD = Math.PI / 180;
// The smallest radius of curvature of WGS84 (meridional, at the equator) bounds how far a radius in
// metres can reach in angle.
const MIN_CURVATURE_M = 6335439;

/**
 * A circle prepared for matching. Rule: a point is inside when its WGS84 geodesic distance from the
 * centre (Vincenty) is at most the radius — the rim counts as inside. The spherical haversine, which
 * is within 1 % of the geodesic, settles every point clearly away from the rim; only points in that
 * thin band pay for Vincenty. Works across the antimeridian and at the poles.
 */
export class CircleRegion implements Region {
  readonly bbox: Box;
  private readonly inner: number;
  private readonly outer: number;
  private readonly distanceFromCentre: (lon: number, lat: number) => number;

  constructor(private readonly circle: CircleArea) {
    const { lon, lat, radiusM } = circle;
    if (!(radiusM >= 0 && radiusM <= MAX_RADIUS_M)) {
      throw areaError('circle', `radius ${radiusM} m is outside 0…${MAX_RADIUS_M} m`);
    }
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180)) {
      throw areaError('circle', `centre ${lat},${lon} is out of range (lat ±90, lon ±180)`);
    }
    // Central-angle thresholds: below `inner` certainly inside, above `outer` certainly outside.
    this.inner = radiusM / (1 + SPHERE_SLACK) / MEAN_RADIUS_M;
    this.outer = radiusM / (1 - SPHERE_SLACK) / MEAN_RADIUS_M;
    this.bbox = circleBox(circle);
    this.distanceFromCentre = geodesicFrom(lon, lat);
  }

  contains(x: number, y: number): boolean {
    const angle = centralAngle(this.circle.lon, this.circle.lat, x, y);
    if (angle <= this.inner) return true;
    if (angle > this.outer) return false;
    // NaN (no convergence) only happens near the antipode, far beyond any accepted radius.
    return this.distanceFromCentre(x, y) <= this.circle.radiusM;
  }

  rootState(): unknown {
    return null;
  }

  classify(minX: number, minY: number, maxX: number, maxY: number, state: unknown): Classified {
    const x0 = minX - BOX_MARGIN;
    const y0 = Math.max(-90, minY - BOX_MARGIN);
    const x1 = maxX + BOX_MARGIN;
    const y1 = Math.min(90, maxY + BOX_MARGIN);
    const [bx0, by0, bx1, by1] = this.bbox;
    if (x1 < bx0 || x0 > bx1 || y1 < by0 || y0 > by1) return { verdict: Verdict.Out, state };
    const midLat = (y0 + y1) / 2;
    const reach = boxRadius(midLat, (y1 - y0) / 2, (x1 - x0) / 2, maxCosLat(y0, y1));
    const d = centralAngle(this.circle.lon, this.circle.lat, (x0 + x1) / 2, midLat);
    if (d + reach <= this.inner) return { verdict: Verdict.In, state };
    if (d - reach > this.outer) return { verdict: Verdict.Out, state };
    return { verdict: Verdict.Mixed, state };
  }
}

/** A lon/lat box holding the whole circle; the full longitude range when it wraps the antimeridian. */
export function circleBox({ lon, lat, radiusM }: CircleArea): Box {
  const delta = (radiusM * (1 + SPHERE_SLACK)) / MIN_CURVATURE_M;
  const latSpan = delta / RAD + BOX_MARGIN;
  const minLat = lat - latSpan;
  const maxLat = lat + latSpan;
  if (minLat <= -90 || maxLat >= 90) return [-180, Math.max(-90, minLat), 180, Math.min(90, maxLat)];
  const sinRatio = Math.sin(delta) / Math.cos(lat * RAD);
  if (sinRatio >= 1) return [-180, minLat, 180, maxLat];
  const lonSpan = Math.asin(sinRatio) / RAD + BOX_MARGIN;
  if (lon - lonSpan < -180 || lon + lonSpan > 180) return [-180, minLat, 180, maxLat];
  return [lon - lonSpan, minLat, lon + lonSpan, maxLat];
}
