import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import type { JobCounts } from '../jobs/queue.js';
import type { AppContext } from '../services/context.js';
import { registerAccessControl, type RouteEntry } from './access.js';
import { apiV1 } from './api/index.js';
import { basemapOrigins, registerBasemap } from './basemap/routes.js';
import { withBodyLimit } from './body-limit.js';
import { registerConsole } from './console.js';
import { registerHealth, type ReadinessProbe } from './health.js';
import { registerMetrics } from './metrics.js';
import { ASSETS_PREFIX } from './portal/assets.js';
import type { PortalCache } from './portal/cache/portal-cache.js';
import { fastPathServer, PortalFastPath, type ObserveRequest } from './portal/fast-path.js';
import { createPortalCache, registerPortal } from './portal/routes.js';
import { registerProblemHandlers } from './problem.js';
import { registerResponseCheck } from './response-contract.js';
import { buildValidator, registerUnicodeCheck } from './validation.js';

export interface BuildOptions {
  /** Readiness checks beyond the database (Redis when configured). */
  probes?: ReadinessProbe[];
  /** Log to stdout as JSON (the server) or not at all (tests). */
  logger?: boolean;
  consoleDir?: string;
  /** Queue counts for /metrics. */
  jobStats?: () => Promise<Record<string, JobCounts>>;
}

export interface App {
  app: FastifyInstance;
  /** Every guarded route with its declared access: what the access tests walk. */
  routes: RouteEntry[];
  /** Public pages answered from memory ahead of the framework. */
  fastPath: PortalFastPath;
}

/** Builds the whole HTTP side: API, console, public site, health and metrics. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<App> {
  const slot: { fast?: PortalFastPath } = {};
  const app = Fastify({
    serverFactory: fastPathServer(slot),
    logger:
      options.logger === false
        ? false
        : {
            level: ctx.config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
          },
    bodyLimit: ctx.config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    trustProxy: false,
    schemaController: { compilersFactory: { buildValidator } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerProblemHandlers(app);
  registerUnicodeCheck(app);
  if (ctx.config.checkResponses) registerResponseCheck(app);
  const { registry, seriesOf } = registerMetrics(app, options.jobStats, ctx.db.checkpoints);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // A configured basemap style elsewhere is fetched by the map, and its raster tiles may be images.
        imgSrc: ["'self'", 'data:', 'blob:', ...basemapOrigins(ctx.config.basemap)],
        connectSrc: ["'self'", ...basemapOrigins(ctx.config.basemap)],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Only behind TLS: on plain http it would send the console's own assets to https.
        upgradeInsecureRequests: ctx.config.secureCookies ? [] : null,
      },
    },
    // Map tiles and fonts may come from a configured server; isolation would block them.
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifyCookie);
  // After the cookie parser: access is decided in onRequest and reads the session cookie.
  const routes = registerAccessControl(app, ctx);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Dabyl API',
        version: '1',
        description:
          'Plan, run and evaluate exercises; tell the public; alert. Errors are RFC 9457 problem details. ' +
          'Authenticate with the session cookie from POST /api/v1/auth/login (writes then need the x-csrf-token header) ' +
          'or with "Authorization: Bearer dabyl_…" API tokens.',
      },
      servers: [{ url: ctx.config.publicUrl }],
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'dabyl_session' },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    // Each route's body limit, from its own bodyLimit option: stated once, where it is enforced.
    transform: ({ schema, url, route }) => ({
      schema: withBodyLimit(schema, route, ctx.config.bodyLimitBytes),
      url,
    }),
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // The reference page styles itself inline; over plain http an upgrade directive would send its
    // fetch of the OpenAPI document to https and leave the page loading forever.
    transformStaticCSP: (header) => {
      const csp = header.replace("style-src 'self' https:", "style-src 'self' 'unsafe-inline'");
      return ctx.config.secureCookies ? csp : csp.replace(/\s*upgrade-insecure-requests;?/, '');
    },
    uiConfig: { deepLinking: true, validatorUrl: null },
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  await app.register(apiV1, { prefix: '/api/v1', ctx });
  registerHealth(app, ctx, registry, options.probes ?? []);
  const portalCache = createPortalCache(ctx);
  await app.register(registerPortal, { ctx, cache: portalCache });
  registerBasemap(app, ctx.config.basemap);
  await registerConsole(app, options.consoleDir);
  await app.ready();
  const fastPath = await startFastPath(app, portalCache, (route, status) => seriesOf('GET', route, status));
  slot.fast = fastPath;
  return { app, routes, fastPath };
}

/** The fast path for public pages, with the security headers of one answer of the full pipeline. */
async function startFastPath(app: FastifyInstance, cache: PortalCache, observe: ObserveRequest) {
  const fast = new PortalFastPath(cache, observe);
  const sample = await app.inject({ method: 'GET', url: `${ASSETS_PREFIX}none` });
  fast.learn(sample.headers);
  return fast;
}
