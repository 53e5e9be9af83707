/**
 * The basemap the console's map draws on: the packaged offline style, its GeoJSON layers and their
 * vector tiles, the DABYL_BASEMAP choices, and byte ranges for a PMTiles archive.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type Basemap } from '../../src/config/config.js';
import { registerBasemap } from '../../src/http/basemap/routes.js';
import { registerProblemHandlers } from '../../src/http/problem.js';
import { writePmtiles } from '../support/pmtiles.js';

async function basemapApp(basemap?: Basemap): Promise<FastifyInstance> {
  const app = Fastify();
  registerProblemHandlers(app);
  registerBasemap(app, basemap);
  await app.ready();
  return app;
}

interface Collection {
  features: { properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } }[];
}

describe('the packaged offline basemap', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await basemapApp();
  });
  afterAll(() => app.close());

  it('is a valid MapLibre style whose layers use only its own sources, and needs no font server', async () => {
    const res = await app.inject('/basemap/style.json');
    expect(res.statusCode).toBe(200);
    const style = res.json();
    expect(validateStyleMin(style)).toEqual([]);
    expect(style.glyphs).toBeUndefined();
    const sources = Object.keys(style.sources);
    for (const layer of style.layers) if (layer.source) expect(sources).toContain(layer.source);
    // Vector tiles of its own layers, not whole GeoJSON files a browser must parse before drawing.
    for (const source of Object.values<{ type: string; tiles: string[] }>(style.sources)) {
      expect(source.type).toBe('vector');
      expect((await app.inject(source.tiles[0]!.replace('{z}/{x}/{y}', '0/0/0'))).statusCode).toBe(200);
    }
    const layers = new Set(style.layers.map((l: { 'source-layer'?: string }) => l['source-layer']));
    expect(layers).toEqual(new Set([undefined, 'countries', 'borders', 'cities']));
  });

  /** The features of each layer of a tile, with their properties. */
  const tileAt = async (z: number, x: number, y: number) => {
    const res = await app.inject({
      url: `/basemap/offline/${z}/${x}/${y}.pbf`,
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
    const tile = new VectorTile(new Pbf(gunzipSync(res.rawPayload)));
    return Object.fromEntries(
      Object.entries(tile.layers).map(([name, layer]) => [
        name,
        Array.from({ length: layer.length }, (_, i) => layer.feature(i)),
      ]),
    );
  };

  it('cuts its layers into vector tiles: the tile over Karaganda holds Kazakhstan, its border and its cities', async () => {
    // Zoom 8, the deepest cut, around Karaganda (73.1° E, 49.8° N).
    const tile = await tileAt(8, 179, 87);
    expect(tile.countries!.some((f) => f.properties.name === 'Kazakhstan' && f.type === 3)).toBe(true);
    const cities = tile.cities!.map((f) => f.properties.name);
    expect(cities).toContain('Karagandy');
    expect(cities).toContain('Shakhtinsk');
    // The world at zoom 0: every layer, Kazakhstan's label point among the countries.
    const world = await tileAt(0, 0, 0);
    expect(Object.keys(world).sort()).toEqual(['borders', 'cities', 'countries']);
    expect(
      world.countries!.some((f) => f.properties.name === 'Kazakhstan' && f.properties.label === true),
    ).toBe(true);
    expect(world.countries!.length).toBeGreaterThan(400);
  });

  it('labels the map in the reader’s language: countries and Kazakhstan’s cities in Kazakh and Russian', async () => {
    const tile = await tileAt(8, 179, 87);
    const karaganda = tile.cities!.find((f) => f.properties.name === 'Karagandy')!.properties;
    expect(karaganda).toMatchObject({ name_kk: 'Қарағанды', name_ru: 'Караганда' });
    const world = await tileAt(0, 0, 0);
    const label = (name: string) =>
      world.countries!.find((f) => f.properties.name === name && f.properties.label === true)!.properties;
    expect(label('Kazakhstan')).toMatchObject({ name_kk: 'Қазақстан', name_ru: 'Казахстан' });
    expect(label('China')).toMatchObject({ name_kk: 'Қытай', name_ru: 'Китай' });
    // Nearly every country has both; those Natural Earth gives no code (Kosovo, N. Cyprus) keep theirs.
    const labels = world.countries!.filter((f) => f.properties.label === true);
    expect(labels.filter((f) => f.properties.name_kk && f.properties.name_ru).length).toBeGreaterThan(
      labels.length - 10,
    );
    for (const [lang, expected] of [
      ['kk', ['coalesce', ['get', 'name_kk'], ['get', 'name:kk'], ['get', 'name']]],
      ['ru', ['coalesce', ['get', 'name_ru'], ['get', 'name:ru'], ['get', 'name']]],
      ['en', ['coalesce', ['get', 'name:en'], ['get', 'name']]],
      ['xx', ['coalesce', ['get', 'name:en'], ['get', 'name']]],
    ] as const) {
      const style = (await app.inject(`/basemap/style.json?lang=${lang}`)).json();
      expect(validateStyleMin(style), lang).toEqual([]);
      const fields = style.layers
        .filter((l: { type: string }) => l.type === 'symbol')
        .map((l: { layout: Record<string, unknown> }) => l.layout['text-field']);
      expect(fields.length, lang).toBeGreaterThan(3);
      for (const field of fields) expect(field, lang).toEqual(expected);
    }
  });

  it('answers open sea with an empty tile, a tile it already sent with 304, and a bad address with 400 naming the part', async () => {
    // Mid-Pacific at zoom 6: no land, no border, no city.
    const sea = await app.inject('/basemap/offline/6/3/30.pbf');
    expect(sea.statusCode).toBe(204);
    const first = await app.inject('/basemap/offline/5/22/10.pbf');
    expect(first.statusCode).toBe(200);
    const again = await app.inject({
      url: '/basemap/offline/5/22/10.pbf',
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    for (const [url, field] of [
      ['/basemap/offline/9/0/0.pbf', 'z'],
      ['/basemap/offline/a/0/0.pbf', 'z'],
      ['/basemap/offline/2/4/0.pbf', 'x'],
      ['/basemap/offline/2/0/4.pbf', 'y'],
      ['/basemap/offline/2/0/1.png', 'ext'],
    ] as const) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'bad_tile', field });
    }
  });

  it('draws countries, Kazakhstan among them, with a label point each', async () => {
    const countries = (await app.inject('/basemap/countries.geojson')).json<Collection>();
    const kazakhstan = countries.features.filter((f) => f.properties.name === 'Kazakhstan');
    expect(kazakhstan.some((f) => f.geometry.type === 'Point')).toBe(true);
    expect(kazakhstan.some((f) => /Polygon/.test(f.geometry.type))).toBe(true);
    expect(countries.features.filter((f) => !f.properties.label).length).toBeGreaterThan(200);
  });

  it("names the seed scenario's cities, in GeoNames spelling, at their places", async () => {
    const cities = (await app.inject('/basemap/cities.geojson')).json<Collection>();
    const where = (name: string) =>
      cities.features.find((f) => f.properties.name === name && f.properties.country === 'KZ')?.geometry
        .coordinates;
    expect(where('Astana')).toEqual([expect.closeTo(71.45, 1), expect.closeTo(51.18, 1)]);
    for (const name of ['Karagandy', 'Pavlodar', 'Kokshetau', 'Baikonur'])
      expect(where(name), name).toBeDefined();
    // Sized for a browser: regional seats worldwide, every place in Kazakhstan, not 170,000 places.
    expect(cities.features.length).toBeGreaterThan(1000);
    expect(cities.features.length).toBeLessThan(5000);
  });

  it('sends gzip when asked, and 304 for a copy the client already has', async () => {
    const first = await app.inject({
      url: '/basemap/cities.geojson',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(first.rawPayload).toString()).type).toBe('FeatureCollection');
    const etag = String(first.headers.etag);
    expect(first.headers['cache-control']).toMatch(/max-age=\d+/);
    const again = await app.inject({ url: '/basemap/cities.geojson', headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const changed = await app.inject({
      url: '/basemap/cities.geojson',
      headers: { 'if-none-match': '"other"' },
    });
    expect(changed.statusCode).toBe(200);
  });
});

describe('DABYL_BASEMAP', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-basemap-'));
  const archive = path.join(dir, 'city.pmtiles');
  // A real archive, padded to 1,000 bytes: readers ignore what follows the tile data.
  const written = writePmtiles([{ z: 0, x: 0, y: 0, data: Buffer.from('tile') }], { tileType: 'png' });
  const bytes = Buffer.concat([
    written,
    Buffer.from(Array.from({ length: 1000 - written.length }, (_, i) => i % 256)),
  ]);
  writeFileSync(archive, bytes);
  const styleFile = path.join(dir, 'style.json');
  writeFileSync(styleFile, JSON.stringify({ version: 8, sources: {}, layers: [] }));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['ftp://tiles.example/style.json', /DABYL_BASEMAP: must start with http/],
    ['/no/such/basemap.pmtiles', /DABYL_BASEMAP: .*is not a readable file/],
    [dir, /DABYL_BASEMAP: must be an http\(s\):\/\/ style URL/],
  ])('refuses %s, naming the variable', (value, message) => {
    expect(() => loadConfig({ DABYL_BASEMAP: value })).toThrow(ConfigError);
    expect(() => loadConfig({ DABYL_BASEMAP: value })).toThrow(message);
  });

  it('sends the map to a configured style URL', async () => {
    const url = 'https://tiles.example.org/styles/hq/style.json';
    const app = await basemapApp(loadConfig({ DABYL_BASEMAP: url }).basemap);
    const res = await app.inject('/basemap/style.json');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe(url);
    await app.close();
  });

  it('serves a configured style file as the style', async () => {
    const app = await basemapApp(loadConfig({ DABYL_BASEMAP: styleFile }).basemap);
    expect((await app.inject('/basemap/style.json')).json()).toEqual({ version: 8, sources: {}, layers: [] });
    await app.close();
  });

  describe('a PMTiles archive', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      app = await basemapApp(loadConfig({ DABYL_BASEMAP: archive }).basemap);
    });
    afterAll(() => app.close());
    const get = (range?: string, extra: Record<string, string> = {}) =>
      app.inject({ url: '/basemap/archive.pmtiles', headers: { ...(range ? { range } : {}), ...extra } });

    it('is served whole, saying it takes ranges', async () => {
      const res = await get();
      expect(res.statusCode).toBe(200);
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(res.rawPayload.equals(bytes)).toBe(true);
    });

    it.each([
      ['bytes=0-126', 0, 126],
      ['bytes=990-', 990, 999],
      ['bytes=995-5000', 995, 999],
      ['bytes=-10', 990, 999],
      ['bytes=-5000', 0, 999],
    ])('answers %s with 206 and those bytes', async (range, start, end) => {
      const res = await get(range);
      expect(res.statusCode).toBe(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/1000`);
      expect(res.rawPayload.equals(bytes.subarray(start, end + 1))).toBe(true);
    });

    it.each(['bytes=1000-', 'bytes=5000-6000', 'bytes=-0'])(
      'answers %s with 416 and the size',
      async (range) => {
        const res = await get(range);
        expect(res.statusCode).toBe(416);
        expect(res.headers['content-range']).toBe('bytes */1000');
      },
    );

    it('ignores a range it cannot read, and one asked of another version of the file', async () => {
      expect((await get('lines=1-2')).statusCode).toBe(200);
      expect((await get('bytes=0-9', { 'if-range': '"old"' })).statusCode).toBe(200);
      const etag = String((await get()).headers.etag);
      expect((await get('bytes=0-9', { 'if-range': etag })).statusCode).toBe(206);
      expect((await get(undefined, { 'if-none-match': etag })).statusCode).toBe(304);
    });
  });
});
