import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** A response body built once and sent many times: its ETag and a gzipped copy ride along. */
export interface Payload {
  body: Buffer;
  gzipped: Buffer;
  etag: string;
  type: string;
}

export function payload(json: unknown, type = 'application/json'): Payload {
  return bytesPayload(Buffer.from(JSON.stringify(json)), type);
}

export function bytesPayload(body: Buffer, type: string): Payload {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  return { body, gzipped: gzipSync(body, { level: 9 }), etag, type };
}

/** The request already holds this version (`If-None-Match`, weak or strong, or `*`). */
export function isFresh(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === etag || t === '*');
}

/**
 * Sends a payload with validators: 304 when the client has it, gzip when it accepts gzip. The data
 * changes only with a new Dabyl release, yet a day's max-age keeps an upgrade from being hidden for long.
 */
export function sendPayload(request: FastifyRequest, reply: FastifyReply, p: Payload): FastifyReply {
  reply
    .header('etag', p.etag)
    .header('cache-control', 'public, max-age=86400')
    .header('vary', 'accept-encoding');
  if (isFresh(request, p.etag)) return reply.status(304).send();
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  reply.type(p.type);
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ? p.gzipped : p.body);
}
