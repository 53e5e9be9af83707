import { alertRingText } from '../../core/boundary/alert-ring.js';
import type { BoundaryGeometry } from '../../core/boundary/boundary.check.js';
import { inThread, workerModule } from '../off-thread.js';

/**
 * Outlines with fewer positions than this, all together, are covered in place: a few milliseconds.
 * Above it the cover takes tenths of a second to seconds (about 3 s for one of 80,000 positions),
 * which on the main thread would hold every request of the process, an alert's among them.
 */
export const IN_PLACE_POSITIONS = 2_000;

const COVER = workerModule('alert-ring.worker', import.meta.url);

const positions = (g: BoundaryGeometry): number =>
  g.type === 'Polygon'
    ? g.coordinates.reduce((n, ring) => n + ring.length, 0)
    : g.coordinates.reduce((n, polygon) => n + polygon.reduce((m, ring) => m + ring.length, 0), 0);

/** The stored alert ring of each outline (`alertRingText`), in a thread of its own when they are large. */
export async function alertRingsOf(geometries: readonly BoundaryGeometry[]): Promise<string[]> {
  if (geometries.reduce((n, g) => n + positions(g), 0) < IN_PLACE_POSITIONS)
    return geometries.map(alertRingText);
  return inThread<string[]>(COVER, geometries, 'covering the outlines for alerts');
}
