import { createReadStream, statSync } from 'node:fs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isFresh } from './payload.js';
import { parseRange } from './range.js';

/**
 * Sends a file with byte-range support, as a PMTiles reader needs: 206 with Content-Range for a
 * range, 416 naming the size for one past the end, the whole file otherwise. The ETag is taken from
 * size and modification time, so replacing the archive invalidates caches.
 */
export function sendFileRange(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string,
  type: string,
): FastifyReply {
  const stat = statSync(file);
  const etag = `"${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}"`;
  reply.header('accept-ranges', 'bytes').header('etag', etag).header('cache-control', 'public, max-age=3600');
  reply.type(type);
  if (isFresh(request, etag)) return reply.status(304).send();
  // A range asked against an older version of the file would splice two files together.
  const ifRange = request.headers['if-range'];
  const range = ifRange && ifRange !== etag ? undefined : parseRange(request.headers.range, stat.size);
  if (range === 'unsatisfiable') {
    return reply.status(416).header('content-range', `bytes */${stat.size}`).send();
  }
  if (range === undefined) {
    reply.header('content-length', stat.size);
    return reply.send(createReadStream(file));
  }
  reply
    .status(206)
    .header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`)
    .header('content-length', range.end - range.start + 1);
  return reply.send(createReadStream(file, range));
}
