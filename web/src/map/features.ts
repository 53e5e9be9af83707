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
