import { CAP_POLYGON_MAX_POINTS, coverRing } from '../area/cover.simplify.js';
import type { BoundaryGeometry } from './boundary.check.js';

/** Positions an alert ring may hold, the closing repeat included (see {@link CAP_POLYGON_MAX_POINTS}). */
export const ALERT_RING_MAX_POINTS = CAP_POLYGON_MAX_POINTS;

/** An outer ring of at most {@link ALERT_RING_MAX_POINTS} positions that contains the boundary. */
export interface AlertRing {
  /** Closed, [lon, lat], 5 decimals when simplified. */
  ring: [number, number][];
  /** Positions in `ring`, the closing repeat included. */
  points: number;
  /** Distinct positions of the boundary's outer ring. */
  from: number;
  /** False when the outer ring already fitted and is served as it is. */
  simplified: boolean;
}

/**
 * The outer ring, covered by at most {@link ALERT_RING_MAX_POINTS} positions so that nobody inside
 * the boundary falls outside the alert. Holes are left out (the cover takes them in: the safe side);
 * a boundary of several parts has no single ring, hence null. Costly on a detailed outline (about
 * 3 s for 80,000 positions): computed when the outline is written and stored, not on each read.
 */
export function alertRingOf(geometry: BoundaryGeometry): AlertRing | null {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length !== 1 || !polygons[0]![0]) return null;
  // The closing repeat counts towards the limit as CAP text writes it.
  const { ring, simplified, from } = coverRing(polygons[0]![0], ALERT_RING_MAX_POINTS - 1);
  return { ring, points: ring.length, from, simplified };
}

/**
 * The stored form of {@link alertRingOf} (the `boundaries.alert_ring` column): its JSON, and so the
 * text `null` for a boundary of several parts — computed, and there is no ring — which SQL NULL, "not
 * computed yet", must never be mistaken for.
 */
export const alertRingText = (geometry: BoundaryGeometry): string => JSON.stringify(alertRingOf(geometry));

/** The value of a stored {@link alertRingText}. */
export const parseAlertRing = (text: string): AlertRing | null => JSON.parse(text) as AlertRing | null;
