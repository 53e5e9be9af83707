import type { AlertArea } from '../alert/alert.js';
import { prepareArea } from '../area/prepare.js';
import type { Area } from '../area/area.js';

/** A siren as area selection sees it. */
export interface PlacedSiren {
  id: string;
  lon: number;
  lat: number;
}

/** The alert's area in the area engine's terms: the circle stays a geodesic circle, not a polygon. */
export function alertRegionArea(area: AlertArea): Area {
  if (area.kind === 'circle') return { kind: 'circle', lon: area.lon, lat: area.lat, radiusM: area.radiusM };
  return { kind: 'polygon', rings: [Float64Array.from(area.ring.flat())] };
}

/**
 * The sirens standing inside an alert's area (a siren is a point: it sounds or it does not). A
 * siren exactly on the boundary is inside, as the area engine counts it. Registries hold
 * hundreds of sirens, so each is asked in turn.
 */
export function sirensInArea<S extends PlacedSiren>(area: AlertArea, sirens: readonly S[]): S[] {
  const region = prepareArea(alertRegionArea(area));
  return sirens.filter((s) => region.contains(s.lon, s.lat));
}
