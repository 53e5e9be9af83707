import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, notModified, type Resource } from './resource.js';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/**
 * Sends a rendered resource: 304 when the reader's copy is current, otherwise the precompressed
 * variant the reader accepts. Nothing is compressed or hashed here; that was done once.
 */
export function sendResource(request: FastifyRequest, reply: FastifyReply, resource: Resource): FastifyReply {
  const encoding = chooseEncoding(resource, header(request.headers['accept-encoding']));
  const etag = encoding === 'identity' ? resource.etag : `${resource.etag.slice(0, -1)}-${encoding}"`;
  reply
    .header('etag', etag)
    .header('last-modified', resource.lastModified)
    .header('cache-control', resource.cacheControl)
    .header('vary', 'Accept-Encoding');
  if (
    resource.status === 200 &&
    notModified(
      resource,
      header(request.headers['if-none-match']),
      header(request.headers['if-modified-since']),
    )
  ) {
    return reply.status(304).send();
  }
  reply.status(resource.status).type(resource.type);
  if (encoding !== 'identity') reply.header('content-encoding', encoding);
  const body = encoding === 'br' ? resource.br! : encoding === 'gzip' ? resource.gzip! : resource.body;
  return reply.send(body);
}
