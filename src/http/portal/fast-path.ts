import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { assetByServedName, ASSETS_PREFIX } from './assets.js';
import type { PortalCache } from './cache/portal-cache.js';
import { answerFor, type ResourceAnswer } from './cache/send.js';
import { PORTAL_LANGS } from './i18n.js';

/**
 * Headers the full pipeline writes on every public page whatever the page: the security headers
 * and nothing per response. Learnt from one answer of the full pipeline, so the two cannot drift.
 */
const PER_RESPONSE = new Set([
  'cache-control',
  'connection',
  'content-encoding',
  'content-length',
  'content-type',
  'date',
  'etag',
  'keep-alive',
  'last-modified',
  'transfer-encoding',
  'vary',
  'x-request-id',
]);

/** The request-duration series of a route and status, to observe seconds through. */
export type ObserveRequest = (route: string, status: number) => (seconds: number) => void;

const FEEDS = new Set(['/notices.atom', '/notices.ics', '/notices.json']);
const NOTICE_PAGE = new RegExp(`^/(${PORTAL_LANGS.join('|')})/notices/([\\w-]{1,200})$`);
const CAP_FILE = /^\/notices\/[\w-]{1,64}\.(cap|ics)$/;

/**
 * A city-wide surge asks for the same few public pages thousands of times a second, and the site
 * already holds them as finished bytes. This answers those reads straight from the render-once
 * cache, ahead of the framework's per-request work (routing, hooks, logging), with the same bytes,
 * validators and security headers. Anything it is not sure of — another method, a query string, an
 * escaped path, a page whose freshness check is due — goes down the full pipeline unchanged.
 * Such reads are counted in the request metrics under their route but not logged one by one.
 */
export class PortalFastPath {
  private common: string[] | null = null;
  /** Each answer's status line headers, flat as writeHead takes them, built once per answer. */
  private readonly heads = new WeakMap<ResourceAnswer, string[]>();
  /** URLs seen with the route they belong to; bounded, since anyone can send any URL. */
  private readonly routes = new Map<string, string>();
  /** Each route's duration series by status, found once: a handful of routes and statuses. */
  private readonly durations = new Map<string, Map<number, (seconds: number) => void>>();
  /** Requests answered here: what tests and the benchmark read. */
  served = 0;

  constructor(
    private readonly cache: PortalCache,
    private readonly observe: ObserveRequest,
  ) {}

  /** Takes the security headers from one answer of the full pipeline; until then nothing is fast. */
  learn(headers: Record<string, string | string[] | number | undefined>): void {
    this.common = Object.entries(headers)
      .filter(([name, value]) => !PER_RESPONSE.has(name.toLowerCase()) && value !== undefined)
      .flatMap(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]);
  }

  /** Answers from memory and returns true, or returns false for the full pipeline to answer. */
  tryServe(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.common === null || req.method !== 'GET') return false;
    const url = req.url ?? '';
    const route = this.routeOf(url);
    if (!route) return false;
    const resource =
      route === ASSET_ROUTE
        ? assetByServedName(url.slice(ASSETS_PREFIX.length))?.resource
        : this.cache.peek(url);
    if (!resource) return false;
    const started = performance.now();
    const answer = answerFor(resource, req.headers);
    const given = req.headers['x-request-id'];
    const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    // One writeHead with every header, instead of a setHeader each: Node then writes them as
    // given, without building and merging its own header table for every response.
    res.writeHead(answer.status, this.headOf(answer).concat('x-request-id', id));
    res.end(answer.body ?? undefined);
    this.served++;
    this.durationOf(route, answer.status)((performance.now() - started) / 1000);
    return true;
  }

  private durationOf(route: string, status: number): (seconds: number) => void {
    let byStatus = this.durations.get(route);
    if (!byStatus) this.durations.set(route, (byStatus = new Map()));
    let series = byStatus.get(status);
    if (!series) byStatus.set(status, (series = this.observe(route, status)));
    return series;
  }

  private headOf(answer: ResourceAnswer): string[] {
    let head = this.heads.get(answer);
    if (!head) {
      head = [...this.common!, ...Object.entries(answer.headers).flat()];
      if (answer.body) head.push('content-length', String(answer.body.length));
      this.heads.set(answer, head);
    }
    return head;
  }

  /** The route a plain path belongs to, if it is one the fast path may answer. */
  private routeOf(url: string): string | undefined {
    const known = this.routes.get(url);
    if (known !== undefined) return known || undefined;
    const route = routeFor(url);
    if (this.routes.size >= MAX_REMEMBERED_URLS) this.routes.clear();
    this.routes.set(url, route ?? '');
    return route;
  }
}

const ASSET_ROUTE = `${ASSETS_PREFIX}:file`;

/** Far more than the site's pages and assets; a scan of made-up URLs only empties the memory. */
const MAX_REMEMBERED_URLS = 10_000;

function routeFor(url: string): string | undefined {
  // Escapes and queries are the full pipeline's to interpret; plain paths are the surge.
  if (url.includes('?') || url.includes('%')) return undefined;
  if (url.startsWith(ASSETS_PREFIX))
    return assetByServedName(url.slice(ASSETS_PREFIX.length)) ? ASSET_ROUTE : undefined;
  if (FEEDS.has(url)) return url;
  if (url.length === 4 && PORTAL_LANGS.some((l) => url === `/${l}/`)) return url;
  if (NOTICE_PAGE.test(url)) return `/${url.slice(1, 3)}/notices/:slug`;
  if (CAP_FILE.test(url)) return '/notices/:file';
  return undefined;
}

/** The options of Fastify's own HTTP/1 server that its factory hook hands over. */
interface ServerOptions {
  http?: object;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/**
 * The HTTP server Fastify would make, with the fast path in front of its handler. The fast path is
 * set once the app is ready (it learns the headers from the app itself); until then all goes through.
 */
export function fastPathServer(slot: { fast?: PortalFastPath }) {
  return (
    handler: (req: IncomingMessage, res: ServerResponse) => void,
    opts: Record<string, unknown>,
  ): Server => {
    // Fastify hands over its own options, with these filled in from its defaults.
    const options = opts as unknown as ServerOptions;
    const server = createServer(options.http ?? {}, (req, res) => {
      if (!slot.fast?.tryServe(req, res)) handler(req, res);
    });
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
