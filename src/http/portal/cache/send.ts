import type { FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding, notModified, type Encoding, type Resource } from './resource.js';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value.join(',') : value;

/** What a reader gets for a resource: one answer, whichever path (Fastify or the fast path) sends it. */
export interface ResourceAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer | null;
}

/**
 * 304 when the reader's copy is current, otherwise the precompressed variant the reader accepts.
 * Nothing is compressed or hashed here; that was done once. A resource has at most six answers
 * (three encodings, full or "not modified"), each built once and shared by every reader after.
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
  const current =
    resource.status === 200 &&
    notModified(resource, header(request['if-none-match']), header(request['if-modified-since']));
  let answers = built.get(resource);
  if (!answers) built.set(resource, (answers = new Map()));
  const key = current ? `304 ${encoding}` : encoding;
  let answer = answers.get(key);
  if (!answer) answers.set(key, (answer = build(resource, encoding, current)));
  return answer;
}

/** A rendered resource never changes (a change renders a new one), so neither do its answers. */
const built = new WeakMap<Resource, Map<string, ResourceAnswer>>();

function build(resource: Resource, encoding: Encoding, current: boolean): ResourceAnswer {
  const etag = encoding === 'identity' ? resource.etag : `${resource.etag.slice(0, -1)}-${encoding}"`;
  const headers: Record<string, string> = {
    etag,
    'last-modified': resource.lastModified,
    'cache-control': resource.cacheControl,
    vary: 'Accept-Encoding',
  };
  if (current) return Object.freeze({ status: 304, headers: Object.freeze(headers), body: null });
  headers['content-type'] = resource.type;
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  const body = encoding === 'br' ? resource.br! : encoding === 'gzip' ? resource.gzip! : resource.body;
  return Object.freeze({ status: resource.status, headers: Object.freeze(headers), body });
}

/** Sends a rendered resource through Fastify. */
export function sendResource(request: FastifyRequest, reply: FastifyReply, resource: Resource): FastifyReply {
  const answer = answerFor(resource, request.headers);
  reply.headers(answer.headers).status(answer.status);
  return answer.body === null ? reply.send() : reply.send(answer.body);
}
