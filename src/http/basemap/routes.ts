import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Basemap } from '../../config/config.js';
import type { PmtilesHeader } from '../../core/pmtiles/header.js';
import { AppError } from '../../errors.js';
import { sendFileRange } from './archive.js';
import { buildCities, buildCountries } from './offline-data.js';
import { OFFLINE_MAX_ZOOM, offlineTiles } from './offline-tiles.js';
import { payload, sendPayload, type Payload } from './payload.js';
import { openArchiveFile, type ArchiveFile } from './pmtiles-file.js';
import { pmtilesStyle } from './pmtiles-style.js';
import { BASEMAP_PATH, offlineStyle, STYLE_LANGS, type StyleLang } from './style.js';
import { coordinate, registerTiles } from './tiles.js';

const hidden = { config: { access: 'public' as const }, schema: { hide: true } };

/** Built on first use: reading 170,000 GeoNames places costs a second, which a server that never shows a map need not pay. */
function lazy<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

/** The origins the console must be allowed to fetch from for this basemap (for the CSP). */
export function basemapOrigins(basemap: Basemap | undefined): string[] {
  return basemap?.kind === 'style-url' ? [new URL(basemap.url).origin] : [];
}

/**
 * The console's basemap under /basemap/. `style.json` is what the map loads whatever is configured:
 * the packaged offline style, a configured style file, or a redirect to a configured style URL.
 * A configured PMTiles archive is opened when the server gets ready (a broken one stops the start,
 * naming DABYL_BASEMAP), served whole at `archive.pmtiles` with byte ranges, and tile by tile at
 * `tiles/{z}/{x}/{y}.{ext}`, which its style uses.
 */
export function registerBasemap(app: FastifyInstance, basemap: Basemap | undefined): void {
  const countries = lazy(buildCountries);
  const cities = lazy(buildCities);
  const data: Record<string, () => Payload> = {
    countries: lazy(() => payload(countries().countries, 'application/geo+json')),
    borders: lazy(() => payload(countries().borders, 'application/geo+json')),
    cities: lazy(() => payload(cities(), 'application/geo+json')),
  };
  let opened: ArchiveFile | undefined;
  let archive: { header: PmtilesHeader; metadata: Record<string, unknown> } | undefined;
  // One style per language: the labels follow the reader's (place-names.ts).
  const styles = Object.fromEntries(
    STYLE_LANGS.map((lang) => [
      lang,
      lazy(() =>
        payload(
          basemap?.kind === 'pmtiles'
            ? pmtilesStyle(archive!.header, archive!.metadata, lang)
            : basemap?.kind === 'style-file'
              ? JSON.parse(readFileSync(basemap.file, 'utf8'))
              : offlineStyle(lang),
        ),
      ),
    ]),
  ) as Record<StyleLang, () => Payload>;

  app.get<{ Querystring: { lang?: string } }>(
    `${BASEMAP_PATH}/style.json`,
    hidden,
    async (request, reply) => {
      if (basemap?.kind === 'style-url') return reply.redirect(basemap.url, 302);
      const asked = request.query.lang;
      const lang = STYLE_LANGS.find((l) => l === asked) ?? 'en';
      return sendPayload(request, reply, styles[lang]());
    },
  );

  // The offline layers stay available whatever is configured, so a custom style can use them too.
  for (const [name, build] of Object.entries(data)) {
    app.get(`${BASEMAP_PATH}/${name}.geojson`, hidden, async (request, reply) =>
      sendPayload(request, reply, build()),
    );
  }

  // The same layers as vector tiles, which the offline style draws from: a map fetches what is in view.
  const tiles = lazy(() =>
    offlineTiles({ countries: countries().countries, borders: countries().borders, cities: cities() }),
  );
  app.get<{ Params: { z: string; x: string; file: string } }>(
    `${BASEMAP_PATH}/offline/:z/:x/:file`,
    hidden,
    async (request, reply) => {
      const { z: rawZ, x: rawX, file } = request.params;
      if (!file.endsWith('.pbf')) throw new AppError('bad_tile', 400, 'the tile URL must end in .pbf', 'ext');
      const z = coordinate(rawZ, 'z', OFFLINE_MAX_ZOOM + 1);
      const x = coordinate(rawX, 'x', 2 ** z);
      const y = coordinate(file.slice(0, -'.pbf'.length), 'y', 2 ** z);
      const tile = tiles().tile(z, x, y);
      // An empty vector tile, which MapLibre draws as nothing: open sea.
      if (!tile) return reply.header('cache-control', 'public, max-age=86400').status(204).send();
      return sendPayload(request, reply, tile);
    },
  );

  if (basemap?.kind === 'pmtiles') {
    const file = basemap.file;
    app.addHook('onReady', async () => {
      opened = await openArchiveFile(file);
      archive = { header: opened.archive.header, metadata: await opened.archive.metadata() };
    });
    app.addHook('onClose', async () => opened?.close());
    app.get(`${BASEMAP_PATH}/archive.pmtiles`, hidden, async (request, reply) =>
      sendFileRange(request, reply, file, 'application/vnd.pmtiles'),
    );
    registerTiles(app, BASEMAP_PATH, () => opened!);
  }
}
