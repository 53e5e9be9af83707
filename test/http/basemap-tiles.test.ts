/**
 * Tiles read out of a DABYL_BASEMAP PMTiles archive at /basemap/tiles/{z}/{x}/{y}.{ext}, the style
 * that points MapLibre at them, and the start-up refusal of a file that is not an archive.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';
import { registerBasemap } from '../../src/http/basemap/routes.js';
import { registerProblemHandlers } from '../../src/http/problem.js';
import { writePmtiles, type PmtilesOptions, type WrittenTile } from '../support/pmtiles.js';

const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-tiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

function archiveFile(bytes: Buffer): string {
  const file = path.join(dir, `basemap-${files++}.pmtiles`);
  writeFileSync(file, bytes);
  return file;
}

async function serve(bytes: Buffer): Promise<FastifyInstance> {
  const app = Fastify();
  registerProblemHandlers(app);
  registerBasemap(app, loadConfig({ DABYL_BASEMAP: archiveFile(bytes) }).basemap);
  await app.ready();
  return app;
}

const content = (t: { z: number; x: number; y: number }) => Buffer.from(`${t.z}/${t.x}/${t.y} `.repeat(20));

/** Every tile from zoom 0 to `maxZoom`, but for those `skip` names. */
function pyramid(maxZoom: number, skip: string[] = []): WrittenTile[] {
  const tiles: WrittenTile[] = [];
  for (let z = 0; z <= maxZoom; z++)
    for (let x = 0; x < 2 ** z; x++)
      for (let y = 0; y < 2 ** z; y++)
        if (!skip.includes(`${z}/${x}/${y}`)) tiles.push({ z, x, y, data: content({ z, x, y }) });
  return tiles;
}

async function withArchive(
  options: PmtilesOptions,
  tiles: WrittenTile[],
  test: (app: FastifyInstance) => Promise<void>,
) {
  const app = await serve(writePmtiles(tiles, options));
  try {
    await test(app);
  } finally {
    await app.close();
  }
}

describe('tiles from a PMTiles basemap', () => {
  it('serves image tiles with their type, an ETag and caching, and 304 for a copy the client has', () =>
    withArchive({ tileType: 'png' }, pyramid(3, ['3/2/5']), async (app) => {
      for (const t of pyramid(3, ['3/2/5'])) {
        const res = await app.inject(`/basemap/tiles/${t.z}/${t.x}/${t.y}.png`);
        expect(res.statusCode, `${t.z}/${t.x}/${t.y}`).toBe(200);
        expect(res.rawPayload.equals(t.data)).toBe(true);
      }
      const res = await app.inject('/basemap/tiles/2/1/3.png');
      expect(res.headers['content-type']).toBe('image/png');
      expect(res.headers['cache-control']).toMatch(/max-age=\d+/);
      expect(res.headers['content-encoding']).toBeUndefined();
      const again = await app.inject({
        url: '/basemap/tiles/2/1/3.png',
        headers: { 'if-none-match': String(res.headers.etag) },
      });
      expect(again.statusCode).toBe(304);
      expect((await app.inject('/basemap/tiles/3/2/5.png')).statusCode).toBe(404);
      expect((await app.inject('/basemap/tiles/4/0/0.png')).statusCode).toBe(404);
    }));

  it('passes gzipped vector tiles on to a client that accepts gzip and unpacks them for one that does not', () =>
    withArchive(
      {
        tileType: 'mvt',
        tileCompression: 'gzip',
        metadata: {
          vector_layers: [
            { id: 'water', fields: {} },
            { id: 'roads', fields: { name: 'String' } },
          ],
        },
      },
      pyramid(2, ['2/3/3']),
      async (app) => {
        const zipped = await app.inject({
          url: '/basemap/tiles/2/1/2.mvt',
          headers: { 'accept-encoding': 'gzip, deflate, br' },
        });
        expect(zipped.statusCode).toBe(200);
        expect(zipped.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
        expect(zipped.headers['content-encoding']).toBe('gzip');
        expect(zipped.headers.vary).toMatch(/accept-encoding/i);
        expect(gunzipSync(zipped.rawPayload).equals(content({ z: 2, x: 1, y: 2 }))).toBe(true);
        const plain = await app.inject({
          url: '/basemap/tiles/2/1/2.pbf',
          headers: { 'accept-encoding': 'identity' },
        });
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.rawPayload.equals(content({ z: 2, x: 1, y: 2 }))).toBe(true);
        expect(plain.headers.etag).not.toBe(zipped.headers.etag);
        // An absent vector tile inside the archive's zooms is an empty tile, not an error.
        expect((await app.inject('/basemap/tiles/2/3/3.mvt')).statusCode).toBe(204);
        expect((await app.inject('/basemap/tiles/3/0/0.mvt')).statusCode).toBe(404);
      },
    ));

  it('finds tiles through leaf directories', () =>
    withArchive({ tileType: 'webp', leafSize: 40 }, pyramid(5), async (app) => {
      for (const [z, x, y] of [
        [0, 0, 0],
        [3, 7, 1],
        [5, 0, 31],
        [5, 31, 0],
        [5, 17, 12],
        [4, 9, 9],
      ] as const) {
        const res = await app.inject(`/basemap/tiles/${z}/${x}/${y}.webp`);
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('image/webp');
        expect(res.rawPayload.equals(content({ z, x, y }))).toBe(true);
      }
    }));

  it.each([
    ['/basemap/tiles/a/0/0.png', 'z'],
    ['/basemap/tiles/27/0/0.png', 'z'],
    ['/basemap/tiles/2/4/0.png', 'x'],
    ['/basemap/tiles/2/-1/0.png', 'x'],
    ['/basemap/tiles/2/0/4.png', 'y'],
    ['/basemap/tiles/2/0/1.5.png', 'y'],
    ['/basemap/tiles/2/0/1', 'ext'],
    ['/basemap/tiles/2/0/1.mvt', 'ext'],
  ])('answers %s with 400 naming %s', (url, field) =>
    withArchive({ tileType: 'png' }, pyramid(2), async (app) => {
      const res = await app.inject(url);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_tile', field });
    }),
  );
});

describe('the style of a PMTiles basemap', () => {
  it('draws a raster archive from the tile endpoint over the offline land, under the place names', () =>
    withArchive({ tileType: 'png', bounds: [72.9, 49.7, 73.3, 49.9] }, pyramid(3), async (app) => {
      const style = (await app.inject('/basemap/style.json')).json();
      expect(validateStyleMin(style)).toEqual([]);
      expect(style.sources.archive).toMatchObject({
        type: 'raster',
        tiles: ['/basemap/tiles/{z}/{x}/{y}.png'],
        minzoom: 0,
        maxzoom: 3,
        bounds: [72.9, 49.7, 73.3, 49.9],
      });
      const ids = style.layers.map((l: { id: string }) => l.id);
      expect(ids.indexOf('archive-raster')).toBeGreaterThan(ids.indexOf('land'));
      expect(ids.indexOf('archive-raster')).toBeLessThan(ids.indexOf('city-name-1'));
      const tile = (style.sources.archive.tiles[0] as string).replace('{z}/{x}/{y}', '1/1/0');
      expect((await app.inject(tile)).statusCode).toBe(200);
    }));

  it('draws each layer a vector archive lists, as a vector source', () =>
    withArchive(
      {
        tileType: 'mvt',
        metadata: { vector_layers: [{ id: 'water' }, { id: 'roads' }], attribution: '© OpenStreetMap' },
      },
      pyramid(1),
      async (app) => {
        const style = (await app.inject('/basemap/style.json')).json();
        expect(validateStyleMin(style)).toEqual([]);
        expect(style.sources.archive).toMatchObject({
          type: 'vector',
          tiles: ['/basemap/tiles/{z}/{x}/{y}.mvt'],
          attribution: '© OpenStreetMap',
        });
        const own = style.layers.filter((l: { source?: string }) => l.source === 'archive');
        expect(new Set(own.map((l: { 'source-layer': string }) => l['source-layer']))).toEqual(
          new Set(['water', 'roads']),
        );
      },
    ));
});

describe('a DABYL_BASEMAP file that is not a PMTiles v3 archive', () => {
  const good = writePmtiles(pyramid(1), { tileType: 'png' });
  it.each([
    [
      'text with the .pmtiles name',
      Buffer.from('not an archive at all, but long enough to hold a header '.repeat(4)),
      /does not start with "PMTiles"/,
    ],
    ['version 2', Buffer.concat([good.subarray(0, 7), Buffer.from([2]), good.subarray(8)]), /version 2/],
    ['a cut-off header', good.subarray(0, 60), /fewer than a header's/],
    [
      'garbled directories',
      Buffer.concat([good.subarray(0, 127), Buffer.alloc(16, 0x55), good.subarray(143)]),
      /cannot be decompressed/,
    ],
  ])('stops the start on %s, naming the variable', async (_, bytes, reason) => {
    const app = Fastify();
    const file = archiveFile(bytes);
    registerBasemap(app, loadConfig({ DABYL_BASEMAP: file }).basemap);
    const ready = app.ready();
    await expect(ready).rejects.toThrow(ConfigError);
    await expect(ready).rejects.toThrow(
      new RegExp(
        `^DABYL_BASEMAP: ${file.replace(/[.]/g, '\\.')} cannot be served as a PMTiles v3 archive: .*${reason.source}`,
      ),
    );
    await app.close().catch(() => undefined);
  });
});
