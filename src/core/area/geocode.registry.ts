import type { ShapeArea } from './area.js';
import { areaError } from './area.error.js';
import type { LoadedFeature } from './geojson.load.js';

/**
 * Named regions a CAP `<geocode>` can point at (valueName + value, e.g. "ISO3166-2" = "KZ-KAR"),
 * filled from administrator-loaded GeoJSON. Pure data; loading the file is the caller's job.
 */
export class GeocodeRegistry {
  private readonly shapes = new Map<string, ShapeArea>();

  private static key(valueName: string, value: string): string {
    return `${valueName}\u0000${value}`;
  }

  /** Registers one shape under a code; replaces an earlier one. */
  set(valueName: string, value: string, shape: ShapeArea): void {
    this.shapes.set(GeocodeRegistry.key(valueName, value), shape);
  }

  /**
   * Registers every loaded feature under `valueName`, taking the code from `codeProperty` (or the
   * feature id when omitted). A feature without a code is an error naming it.
   */
  addFeatures(valueName: string, features: readonly LoadedFeature[], codeProperty?: string): void {
    for (const f of features) {
      const code = codeProperty === undefined ? f.id : f.properties[codeProperty];
      if (typeof code !== 'string' && typeof code !== 'number') {
        throw areaError(`feature #${f.index}`, `has no ${codeProperty ?? 'id'} to register it under`);
      }
      this.set(valueName, String(code), f.area);
    }
  }

  /** The shape for a code, or undefined; pass as the lookup to prepareArea. */
  readonly lookup = (valueName: string, value: string): ShapeArea | undefined =>
    this.shapes.get(GeocodeRegistry.key(valueName, value));
}
