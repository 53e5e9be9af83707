/**
 * The area model: what CAP allows (polygon, circle, geocode) plus what administrators load from
 * GeoJSON (polygons with holes, multipolygons). Coordinates are WGS84 degrees, longitude first.
 */

/** A closed ring as flat [lon0, lat0, lon1, lat1, …]; the last position repeats the first. */
export type Ring = Float64Array;

/** A polygon: the first ring is the outer boundary, any further rings are holes. */
export interface PolygonArea {
  readonly kind: 'polygon';
  readonly rings: readonly Ring[];
}

/** Disjoint polygons taken together (GeoJSON MultiPolygon; parts may touch but not overlap). */
export interface MultiPolygonArea {
  readonly kind: 'multipolygon';
  readonly polygons: readonly PolygonArea[];
}

/** Everything within `radiusM` metres of the centre, measured along the WGS84 geodesic. */
export interface CircleArea {
  readonly kind: 'circle';
  readonly lon: number;
  readonly lat: number;
  readonly radiusM: number;
}

/** A named region (CAP `<geocode>`), resolved through a {@link GeocodeRegistry}-style lookup. */
export interface GeocodeArea {
  readonly kind: 'geocode';
  readonly valueName: string;
  readonly value: string;
}

/** Any area an alert or notice can target. */
export type Area = PolygonArea | MultiPolygonArea | CircleArea | GeocodeArea;

/** Shapes a geocode resolves to. */
export type ShapeArea = PolygonArea | MultiPolygonArea;

/** Largest circle the engine accepts; keeps every geodesic it solves far from the antipodal case. */
export const MAX_RADIUS_M = 10_000_000;

/** Axis-aligned box in degrees: [minLon, minLat, maxLon, maxLat]. */
export type Box = readonly [number, number, number, number];
