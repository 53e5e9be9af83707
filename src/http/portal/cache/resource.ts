import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

/**
 * One public page, feed or asset rendered into bytes once, with its compressed variants and
 * validators, ready to be served to any number of readers without doing the work again.
 */
export interface Resource {
  readonly type: string;
  readonly body: Buffer;
  /** Present only when compressing saved bytes. */
  readonly gzip: Buffer | null;
  readonly br: Buffer | null;
  /** Strong: a hash of the uncompressed bytes, suffixed per encoding when served compressed. */
  readonly etag: string;
  /** HTTP-date, seconds precision. */
  readonly lastModified: string;
  readonly cacheControl: string;
  readonly status: number;
}

/** Public pages and feeds: fresh for 30 s, and a cache may keep serving a stale copy while it refreshes. */
export const PAGE_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=300';
/** Assets whose URL carries their content hash never change. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

const COMPRESSIBLE = /^(text\/|application\/(json|xml|atom\+xml|cap\+xml|javascript)|image\/svg)/;

export interface ResourceInput {
  type: string;
  body: string | Buffer;
  /** When the content last changed; rounded down to the second as HTTP dates are. */
  modifiedAt: Date;
  cacheControl?: string;
  status?: number;
}

function compress(body: Buffer, type: string): { gzip: Buffer | null; br: Buffer | null } {
  if (!COMPRESSIBLE.test(type) || body.length <= 256) return { gzip: null, br: null };
  let gzip: Buffer | null = gzipSync(body, { level: 9 });
  let br: Buffer | null = brotliCompressSync(body, {
    params: {
      [zlib.BROTLI_PARAM_QUALITY]: 11,
      [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
      [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
    },
  });
  if (gzip.length >= body.length) gzip = null;
  if (br.length >= (gzip ?? body).length) br = null;
  return { gzip, br };
}

/**
 * Hashes the bytes now; compresses them the first time a reader asks for a compressed copy, so
 * re-rendering the site after a change costs no compression for pages nobody reads.
 */
export function makeResource(input: ResourceInput): Resource {
  const body = typeof input.body === 'string' ? Buffer.from(input.body, 'utf8') : input.body;
  const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
  const modified = new Date(Math.floor(input.modifiedAt.getTime() / 1000) * 1000);
  let compressed: { gzip: Buffer | null; br: Buffer | null } | null = null;
  const variants = () => (compressed ??= compress(body, input.type));
  return {
    type: input.type,
    body,
    get gzip() {
      return variants().gzip;
    },
    get br() {
      return variants().br;
    },
    etag: `"${hash}"`,
    lastModified: modified.toUTCString(),
    cacheControl: input.cacheControl ?? PAGE_CACHE_CONTROL,
    status: input.status ?? 200,
  };
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding this resource has that the reader accepts (q=0 refuses one). */
export function chooseEncoding(resource: Resource, acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding || (!resource.br && !resource.gzip)) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set((name ?? '').trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const ok = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  if (resource.br && ok('br')) return 'br';
  if (resource.gzip && ok('gzip')) return 'gzip';
  return 'identity';
}

/**
 * Whether the reader's copy is current: If-None-Match wins over If-Modified-Since (RFC 9110
 * §13.2.2). ETags are compared weakly, so a CDN that re-compressed and weakened them still matches.
 */
export function notModified(
  resource: Resource,
  ifNoneMatch: string | undefined,
  ifModifiedSince: string | undefined,
): boolean {
  if (ifNoneMatch !== undefined) {
    const bare = resource.etag.slice(1, -1);
    return ifNoneMatch
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === '*' || t.replace(/^"|"$/g, '').replace(/-(br|gzip)$/, '') === bare);
  }
  if (ifModifiedSince !== undefined) {
    const since = Date.parse(ifModifiedSince);
    return Number.isFinite(since) && Date.parse(resource.lastModified) <= since;
  }
  return false;
}
