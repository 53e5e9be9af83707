import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { getNoticeCap } from '../../services/notices/public-notices.service.js';
import { loadPortalSnapshot } from '../../services/portal/content.service.js';
import { portalGeneration } from '../../services/portal/generation.js';
import { assetByServedName, ASSETS_PREFIX } from './assets.js';
import { PortalCache } from './cache/portal-cache.js';
import { makeResource, type Resource } from './cache/resource.js';
import { sendResource } from './cache/send.js';
import { registerCommentRoutes } from './comments.routes.js';
import { loadNoticeSections } from './comments.sections.js';
import { registerFormBody } from './form-body.js';
import { registerSubscribePages } from './subscribe.routes.js';
import { registerInjectLinkPages } from './inject-link.routes.js';
import { PORTAL_LANGS, type PortalLang } from './i18n.js';
import { languageOf } from '../../core/messages/messages.js';
import { loadLiveAlerts } from '../../services/portal/live-alerts.service.js';
import { CAP, notFoundKey } from './site/render-site.js';

/** Picks the reader's language from Accept-Language; `fallback` when none of kk, ru, en is asked for. */
export function pickLanguage(header: string | undefined, fallback: PortalLang = 'kk'): PortalLang {
  // The site's languages are the server's message languages; one parser reads the header for both.
  return languageOf(header) ?? fallback;
}

/** The public site's rendered pages for this server, made once per change. */
export function createPortalCache(
  ctx: AppContext,
  baseUrl = ctx.config.publicUrl,
  checkEveryMs = 1000,
): PortalCache {
  return new PortalCache({
    checkEveryMs,
    generation: () => portalGeneration(ctx.db.kysely),
    load: async () => {
      const snapshot = await loadPortalSnapshot(ctx);
      return {
        ...snapshot,
        alerts: await loadLiveAlerts(ctx, ctx.clock.now()),
        noticeSections: await loadNoticeSections(ctx, snapshot.notices),
      };
    },
    now: () => ctx.clock.now(),
    baseUrl,
    streetMap: ctx.config.basemap !== undefined,
  });
}

const CAP_FILE = /^([\w-]{1,64})\.(cap|ics)$/;

/**
 * The public site: pages and feeds served from the render-once cache. Its routes live in their own
 * Fastify scope so that the form parser public forms need does not reach the JSON API.
 */
export async function registerPortal(
  app: FastifyInstance,
  options: { ctx: AppContext; cache?: PortalCache },
): Promise<void> {
  const { ctx } = options;
  const cache = options.cache ?? createPortalCache(ctx);
  registerFormBody(app);
  registerSubscribePages(app, ctx);
  registerCommentRoutes(app, ctx);
  registerInjectLinkPages(app, ctx);
  const route = { config: { access: 'public' }, schema: { hide: true } } as const;

  const serve = async (request: FastifyRequest, reply: FastifyReply, path: string, lang: PortalLang) => {
    const resource = (await cache.get(path)) ?? (await cache.get(notFoundKey(lang)));
    return sendResource(request, reply, resource!);
  };

  app.get('/', route, async (request, reply) =>
    reply
      .header('vary', 'Accept-Language')
      .header('cache-control', 'public, max-age=300')
      .redirect(`/${pickLanguage(request.headers['accept-language'], ctx.config.publicLanguage)}/`, 302),
  );
  app.get(`${ASSETS_PREFIX}:file`, route, async (request, reply) => {
    const asset = assetByServedName((request.params as { file: string }).file);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return sendResource(request, reply, asset.resource);
  });
  for (const lang of PORTAL_LANGS) {
    app.get(`/${lang}`, route, async (_request, reply) => reply.redirect(`/${lang}/`, 301));
    app.get(`/${lang}/`, route, async (request, reply) => serve(request, reply, `/${lang}/`, lang));
    app.get(`/${lang}/notices/:slug`, route, async (request, reply) => {
      const { slug } = request.params as { slug: string };
      return serve(request, reply, `/${lang}/notices/${encodeURIComponent(slug)}`, lang);
    });
  }
  for (const feed of ['/notices.atom', '/notices.ics', '/notices.json']) {
    app.get(feed, route, async (request, reply) => serve(request, reply, feed, ctx.config.publicLanguage));
  }

  // Older revisions' CAP messages never change: read once each, then kept.
  const revisions = new Map<string, Resource>();
  app.get('/notices/:file', route, async (request, reply) => {
    const match = CAP_FILE.exec((request.params as { file: string }).file);
    const lang = ctx.config.publicLanguage;
    const revision = (request.query as { revision?: string }).revision;
    if (!match || match[2] === 'ics' || revision === undefined)
      return serve(request, reply, `/notices/${(request.params as { file: string }).file}`, lang);
    const id = match[1]!;
    if (!(await cache.get(`/notices/${id}.cap`))) return serve(request, reply, notFoundKey(lang), lang);
    const key = `${id}@${revision}`;
    if (!revisions.has(key)) {
      const n = /^[1-9]\d{0,5}$/.test(revision) ? Number(revision) : NaN;
      const xml = Number.isNaN(n) ? null : await getNoticeCap(ctx, id, n);
      if (xml) revisions.set(key, makeResource({ type: CAP, body: xml, modifiedAt: ctx.clock.now() }));
    }
    const resource = revisions.get(key);
    return resource ? sendResource(request, reply, resource) : serve(request, reply, notFoundKey(lang), lang);
  });
}
