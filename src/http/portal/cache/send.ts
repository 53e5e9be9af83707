import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, notModified, type Resource } from './resource.js';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/** What a reader gets for a resource: one answer, whichever path (Fastify or the fast path) sends it. */
export interface ResourceAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer | null;
}

/**
 * 304 when the reader's copy is current, otherwise the precompressed variant the reader accepts.
 * Nothing is compressed or hashed here; that was done once.
 */
export function answerFor(
  resource: Resource,
  request: {
    'accept-encoding'?: string | string[];
    'if-none-match'?: string | string[];
    'if-modified-since'?: string | string[];
  },
): ResourceAnswer {
  const encoding = chooseEncoding(resource, header(request['accept-encoding']));
  const etag = encoding === 'identity' ? resource.etag : `${resource.etag.slice(0, -1)}-${encoding}"`;
  const headers: Record<string, string> = {
    etag,
    'last-modified': resource.lastModified,
    'cache-control': resource.cacheControl,
    vary: 'Accept-Encoding',
  };
  if (
    resource.status === 200 &&
    notModified(resource, header(request['if-none-match']), header(request['if-modified-since']))
  ) {
    return { status: 304, headers, body: null };
  }
  headers['content-type'] = resource.type;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  const body = encoding === 'br' ? resource.br! : encoding === 'gzip' ? resource.gzip! : resource.body;
  return { status: resource.status, headers, body };
}

/** Sends a rendered resource through Fastify. */
export function sendResource(request: FastifyRequest, reply: FastifyReply, resource: Resource): FastifyReply {
  const answer = answerFor(resource, request.headers);
  reply.headers(answer.headers).status(answer.status);
  return answer.body === null ? reply.send() : reply.send(answer.body);
}
