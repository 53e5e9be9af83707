import type { MapGeometry, MapSighting, MapVenue, MapZone, Position } from './types';

/** Just enough GeoJSON typing for the sources the map builds; maplibre accepts these as they are. */
export interface Feature {
  type: 'Feature';
  id?: number;
  properties: Record<string, string | number | boolean>;
  geometry: MapGeometry;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

export type Style = 'closure' | 'cordon' | 'zone';

/** The three looks a zone can have; the API's kinds map onto them. */
export function zoneStyle(kind: string): Style {
  if (kind === 'road-closure') return 'closure';
  if (kind === 'cordon') return 'cordon';
  return 'zone';
}

/** Venue points, venue footprints and zones, each feature carrying the id a click reports. */
export function overlayFeatures(
  venues: readonly MapVenue[],
  zones: readonly MapZone[],
  selectedId: string | null | undefined,
  sightings: readonly MapSighting[] = [],
): FeatureCollection {
  const features: Feature[] = [];
  for (const zone of zones) {
    features.push({
      type: 'Feature',
      properties: {
        id: zone.id,
        name: zone.name,
        style: zoneStyle(zone.kind),
        selected: zone.id === selectedId,
      },
      geometry: zone.geometry,
    });
    // A point of its own rather than a label on the shape: MapLibre labels a polygon once per tile it
    // crosses, so a district over four tiles would carry its name four times.
    if (zone.label) {
      features.push({
        type: 'Feature',
        properties: { id: zone.id, name: zone.name, label: zone.label, style: 'label', selected: false },
        geometry: { type: 'Point', coordinates: labelPoint(zone.geometry) },
      });
    }
  }
  for (const venue of venues) {
    const selected = venue.id === selectedId;
    if (venue.footprint) {
      features.push({
        type: 'Feature',
        properties: { id: venue.id, name: venue.name, style: 'footprint', selected },
        geometry: venue.footprint,
      });
    }
    features.push({
      type: 'Feature',
      properties: { id: venue.id, name: venue.name, style: 'venue', selected },
      geometry: { type: 'Point', coordinates: [venue.point.lon, venue.point.lat] },
    });
  }
  for (const s of sightings) {
    features.push({
      type: 'Feature',
      properties: { id: s.id, name: s.name, style: s.kind, selected: s.id === selectedId },
      geometry: { type: 'Point', coordinates: [s.lon, s.lat] },
    });
  }
  return { type: 'FeatureCollection', features };
}

function positions(geometry: MapGeometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'LineString':
      return geometry.coordinates;
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
  }
}

/** West, south, east, north around every feature; `null` when there is nothing to frame. */
export function bounds(collection: FeatureCollection): [number, number, number, number] | null {
  let box: [number, number, number, number] | null = null;
  for (const feature of collection.features) {
    for (const [lon, lat] of positions(feature.geometry)) {
      if (!box) box = [lon, lat, lon, lat];
      else box = [Math.min(box[0], lon), Math.min(box[1], lat), Math.max(box[2], lon), Math.max(box[3], lat)];
    }
  }
  return box;
}

/** Twice the signed area and the centroid of a closed ring, in degrees; planar, as fine for a label. */
function ringCentroid(ring: readonly Position[]): { twiceArea: number; at: Position } {
  let twice = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [x1, y1] = ring[i]!;
    const [x2, y2] = ring[i + 1]!;
    const cross = x1 * y2 - x2 * y1;
    twice += cross;
    x += (x1 + x2) * cross;
    y += (y1 + y2) * cross;
  }
  return { twiceArea: twice, at: [x / (3 * twice), y / (3 * twice)] };
}

/**
 * Where a shape's label goes: the centroid of a polygon's outer ring (of the largest part of a
 * multi-polygon), the middle vertex of a line, the point itself; the middle of its box when the ring
 * has no area to weigh.
 */
export function labelPoint(geometry: MapGeometry): Position {
  if (geometry.type === 'Point') return geometry.coordinates;
  if (geometry.type === 'LineString')
    return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)]!;
  const rings =
    geometry.type === 'Polygon'
      ? [geometry.coordinates[0] ?? []]
      : geometry.type === 'MultiPolygon'
        ? geometry.coordinates.map((p) => p[0] ?? [])
        : geometry.coordinates;
  const best = rings
    .map((ring) => ({ ring, ...ringCentroid(ring) }))
    .sort((a, b) => Math.abs(b.twiceArea) - Math.abs(a.twiceArea))[0];
  if (best && Math.abs(best.twiceArea) > 1e-12) return best.at;
  const box = bounds({
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry }],
  });
  return box ? [(box[0] + box[2]) / 2, (box[1] + box[3]) / 2] : [0, 0];
}
