import type { Area, ShapeArea } from './area.js';
import { areaError } from './area.error.js';
import { CircleRegion } from './circle.region.js';
import { PolygonRegion } from './polygon.region.js';
import type { Region } from './region.js';

/** Looks a geocode up; answers undefined when the registry does not know it. */
export type GeocodeLookup = (valueName: string, value: string) => ShapeArea | undefined;

/**
 * Turns an area into a {@link Region} ready for matching. Geocodes resolve through `lookup`; an unknown
 * geocode is an error naming it (a message must never silently match nobody).
 */
export function prepareArea(area: Area, lookup?: GeocodeLookup): Region {
  switch (area.kind) {
    case 'polygon':
      return new PolygonRegion([area]);
    case 'multipolygon':
      return new PolygonRegion(area.polygons);
    case 'circle':
      return new CircleRegion(area);
    case 'geocode': {
      const shape = lookup?.(area.valueName, area.value);
      if (!shape)
        throw areaError(`geocode ${area.valueName}=${area.value}`, 'is not in the geocode registry');
      return prepareArea(shape);
    }
  }
}
