import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PACKAGE_ROOT } from '../../paths.js';
import { IMMUTABLE_CACHE_CONTROL, makeResource, type Resource } from './cache/resource.js';

/**
 * The public site's stylesheet and scripts. They are read from the source folder whether the
 * server runs from src/ or from the build in dist/ (tsc copies no CSS or JS), and each is served
 * under a URL carrying its content hash, so it can be cached for a year and still change.
 */
export const PORTAL_ASSETS_DIR = path.join(PACKAGE_ROOT, 'src', 'http', 'portal', 'assets');
export const ASSETS_PREFIX = '/portal/assets/';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export interface PortalAsset {
  /** The file's own name, e.g. `portal.css`. */
  name: string;
  /** The hashed name it is served under, e.g. `portal.3b1f0c2a.css`. */
  servedName: string;
  url: string;
  resource: Resource;
}

let loaded: Map<string, PortalAsset> | null = null;

/** The map library the street map of a notice page loads, served from the installed package. */
const VENDORED: Readonly<Record<string, string>> = {
  'maplibre-gl.js': 'maplibre-gl/dist/maplibre-gl.js',
  'maplibre-gl.css': 'maplibre-gl/dist/maplibre-gl.css',
};

function files(): [string, string][] {
  const own = readdirSync(PORTAL_ASSETS_DIR)
    .sort()
    .map((name): [string, string] => [name, path.join(PORTAL_ASSETS_DIR, name)]);
  const require = createRequire(import.meta.url);
  return [
    ...own,
    ...Object.entries(VENDORED).map(([name, id]): [string, string] => [name, require.resolve(id)]),
  ];
}

function load(): Map<string, PortalAsset> {
  const assets = new Map<string, PortalAsset>();
  for (const [name, file] of files()) {
    const ext = path.extname(name);
    const type = TYPES[ext];
    if (!type) continue;
    const resource = makeResource({
      type,
      body: readFileSync(file),
      modifiedAt: statSync(file).mtime,
      cacheControl: IMMUTABLE_CACHE_CONTROL,
    });
    const hash = resource.etag.slice(1, 11).replace(/[-_]/g, '0');
    const servedName = `${name.slice(0, -ext.length)}.${hash}${ext}`;
    assets.set(name, { name, servedName, url: ASSETS_PREFIX + servedName, resource });
  }
  return assets;
}

/** Every asset, keyed by its own name; read once per process. */
export function portalAssets(): ReadonlyMap<string, PortalAsset> {
  loaded ??= load();
  return loaded;
}

/** The versioned URL of an asset, e.g. `assetUrl('portal.css')`. */
export function assetUrl(name: string): string {
  const asset = portalAssets().get(name);
  if (!asset) throw new Error(`no public-site asset named ${name} in ${PORTAL_ASSETS_DIR}`);
  return asset.url;
}

/** The asset served under a hashed name, or undefined. */
export function assetByServedName(servedName: string): PortalAsset | undefined {
  for (const asset of portalAssets().values()) if (asset.servedName === servedName) return asset;
  return undefined;
}
