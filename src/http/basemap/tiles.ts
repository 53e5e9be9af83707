import type { FastifyInstance } from 'fastify';
import type { TileType } from '../../core/pmtiles/header.js';
import { MAX_ZOOM } from '../../core/pmtiles/tile-id.js';
import { AppError } from '../../errors.js';
import { decompress, type ArchiveFile } from './pmtiles-file.js';
import { isFresh } from './payload.js';

/** Content type and the file extensions a tile URL may end with, per PMTiles tile type. */
export const TILE_FORMATS: Record<Exclude<TileType, 'unknown'>, { type: string; ext: string[] }> = {
  mvt: { type: 'application/vnd.mapbox-vector-tile', ext: ['mvt', 'pbf'] },
  png: { type: 'image/png', ext: ['png'] },
  jpeg: { type: 'image/jpeg', ext: ['jpg', 'jpeg'] },
  webp: { type: 'image/webp', ext: ['webp'] },
  avif: { type: 'image/avif', ext: ['avif'] },
};

const badParameter = (field: string, detail: string) => new AppError('bad_tile', 400, detail, field);

export function coordinate(raw: string, field: string, below: number): number {
  if (!/^\d{1,9}$/.test(raw)) throw badParameter(field, `${field} must be a whole number, not "${raw}"`);
  const value = Number(raw);
  if (value >= below) throw badParameter(field, `${field} must be below ${below}, not ${value}`);
  return value;
}

/**
 * `GET {prefix}/tiles/{z}/{x}/{y}.{ext}`: one tile read out of the archive. The tile's own
 * compression is passed on as Content-Encoding to a client that accepts it and undone for one that
 * does not; a tile the archive lacks is 204 for vector tiles (an empty tile, which MapLibre draws
 * as nothing) and 404 for images and zooms outside the archive.
 */
export function registerTiles(app: FastifyInstance, prefix: string, opened: () => ArchiveFile): void {
  app.get<{ Params: { z: string; x: string; file: string } }>(
    `${prefix}/tiles/:z/:x/:file`,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const { archive, version } = opened();
      const { header } = archive;
      const format = TILE_FORMATS[header.tileType as keyof typeof TILE_FORMATS];
      const { z: rawZ, x: rawX, file } = request.params;
      const dot = file.lastIndexOf('.');
      if (dot < 0) throw badParameter('ext', `the tile URL must end in .${format.ext[0]}`);
      const ext = file.slice(dot + 1).toLowerCase();
      const z = coordinate(rawZ, 'z', MAX_ZOOM + 1);
      const x = coordinate(rawX, 'x', 2 ** z);
      const y = coordinate(file.slice(0, dot), 'y', 2 ** z);
      if (!format.ext.includes(ext))
        throw badParameter(
          'ext',
          `the archive holds ${header.tileType} tiles: ask for .${format.ext[0]}, not .${ext}`,
        );

      const accepts = String(request.headers['accept-encoding'] ?? '');
      const stored = header.tileCompression;
      const passOn =
        (stored === 'gzip' && /\bgzip\b/.test(accepts)) || (stored === 'brotli' && /\bbr\b/.test(accepts));
      const etag = `"${version}-${z}-${x}-${y}${passOn ? `-${stored}` : ''}"`;
      reply
        .header('etag', etag)
        .header('cache-control', 'public, max-age=3600')
        .header('vary', 'accept-encoding');
      if (isFresh(request, etag)) return reply.status(304).send();

      const tile = await archive.tile(z, x, y);
      if (!tile) {
        reply.removeHeader('etag');
        if (header.tileType === 'mvt' && z >= header.minZoom && z <= header.maxZoom)
          return reply.status(204).send();
        throw new AppError('no_tile', 404, `the archive has no tile ${z}/${x}/${y}`);
      }
      reply.type(format.type);
      if (stored === 'none') return reply.send(Buffer.from(tile));
      if (passOn)
        return reply.header('content-encoding', stored === 'gzip' ? 'gzip' : 'br').send(Buffer.from(tile));
      return reply.send(Buffer.from(await decompress(tile, stored)));
    },
  );
}
