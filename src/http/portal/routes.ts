import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { assetByServedName, ASSETS_PREFIX } from './assets.js';
import { sendResource } from './cache/send.js';
import { registerFormBody } from './form-body.js';
import { html } from './html.js';
import { PORTAL_LANGS, isPortalLang, texts, type PortalLang } from './i18n.js';
import { renderLayout } from './layout.js';

/** Picks the reader's language from Accept-Language; `fallback` when none of kk, ru, en is asked for. */
export function pickLanguage(header: string | undefined, fallback: PortalLang = 'kk'): PortalLang {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: (tag ?? '').toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  const found = wanted.find((w) => isPortalLang(w.lang))?.lang;
  return isPortalLang(found) ? found : fallback;
}

/**
 * The public site. Its routes live in their own Fastify scope so that the form parser they need
 * does not reach the JSON API.
 */
export async function registerPortal(app: FastifyInstance, options: { ctx: AppContext }): Promise<void> {
  const { ctx } = options;
  registerFormBody(app);
  const hide = { hide: true };
  app.get('/', { config: { access: 'public' }, schema: hide }, async (request, reply) =>
    reply
      .header('vary', 'Accept-Language')
      .header('cache-control', 'public, max-age=300')
      .redirect(`/${pickLanguage(request.headers['accept-language'], ctx.config.publicLanguage)}/`, 302),
  );
  app.get(`${ASSETS_PREFIX}:file`, { config: { access: 'public' }, schema: hide }, async (request, reply) => {
    const asset = assetByServedName((request.params as { file: string }).file);
    if (!asset) return reply.status(404).type('text/plain; charset=utf-8').send('Not found');
    return sendResource(request, reply, asset.resource);
  });
  for (const lang of PORTAL_LANGS) {
    app.get(`/${lang}/`, { config: { access: 'public' }, schema: hide }, async (_request, reply) => {
      const t = texts(lang);
      return reply.type('text/html; charset=utf-8').send(
        renderLayout({
          lang,
          title: t.notices,
          path: '/',
          body: html`<h1>${t.notices}</h1>`,
          baseUrl: ctx.config.publicUrl,
        }),
      );
    });
  }
}
