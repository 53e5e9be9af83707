import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { decide, type Access } from '../core/policy/policy.js';
import type { RouteScope } from '../core/policy/scope.js';
import { AppError, forbidden, notFound, unauthenticated } from '../errors.js';
import { principalFromCookie, principalFromToken, type Principal } from '../services/auth.service.js';
import type { AppContext } from '../services/context.js';
import { HIDDEN_AS, scopeFromPath, scopeVerdict } from './route-scope.js';

export const SESSION_COOKIE = 'dabyl_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; every /api/ route must say. */
    access?: Access;
    /**
     * What the route acts on, for organisation scope (core/policy/scope.ts); when left out it is
     * read from the path (/exercises/:id…, /notices/:id…, /users/:id…, /organisations/:id…).
     */
    scope?: RouteScope;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
  scope: RouteScope;
  /** The route's own body limit, when it sets one (else the server's: DABYL_BODY_LIMIT_BYTES). */
  bodyLimit?: number;
}

const sameSecret = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * The person behind a request's credentials (bearer token or session cookie), asked afresh: the
 * event stream asks again while it is open, so a revoked token or a signed-out session stops it.
 */
export async function resolvePrincipal(ctx: AppContext, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header) {
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    return principalFromToken(ctx, m[1]!);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? principalFromCookie(ctx, cookie) : null;
}

/**
 * Decides every request against the route's declared access with the one policy module, and checks
 * the CSRF token on cookie-authenticated writes. Returns the table of routes it guards, which the
 * access tests walk.
 */
export function registerAccessControl(app: FastifyInstance, ctx: AppContext): RouteEntry[] {
  const table: RouteEntry[] = [];
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (route.url.startsWith('/api/v1') && !access) {
      throw new Error(`${methods.join(',')} ${route.url} declares no access; every API route must`);
    }
    for (const method of methods)
      if (method !== 'HEAD' && access)
        table.push({
          method,
          url: route.url,
          access,
          scope: route.config?.scope ?? scopeFromPath(route.url),
          ...(route.bodyLimit !== undefined ? { bodyLimit: route.bodyLimit } : {}),
        });
  });

  // onRequest: decided before the body is even parsed, so a refused caller learns nothing from validation.
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (!access) return;
    const principal = await resolvePrincipal(ctx, request);
    request.principal = principal;
    const verdict = decide(access, principal?.actor ?? null);
    if (verdict === 'unauthenticated') throw unauthenticated();
    if (verdict === 'forbidden') throw forbidden();
    if (principal?.via === 'session' && UNSAFE.has(request.method)) {
      const sent = request.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
        throw new AppError('csrf', 403, 'The x-csrf-token header is missing or does not match this session');
      }
    }
    if (principal && access !== 'public' && access !== 'authenticated') {
      // Organisation scope, before the body is parsed too: a record of another organisation is
      // refused, or "not found" to one who may not even know of it. The services check again.
      const config = request.routeOptions.config;
      const kind = config?.scope ?? scopeFromPath(request.routeOptions.url ?? '');
      const id = (request.params as Record<string, string | undefined> | undefined)?.id;
      const scoped = await scopeVerdict(ctx, kind, id, principal.actor, access);
      if (scoped === 'hidden') throw notFound(HIDDEN_AS[kind] ?? 'That');
      if (scoped === 'forbidden')
        throw forbidden('A grant scoped to another organisation does not reach this');
    }
  });
  return table;
}

/** The signed-in person of a route whose access guarantees one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw unauthenticated();
  return request.principal;
}
