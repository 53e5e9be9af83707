import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import { PACKAGE_ROOT } from '../../paths.js';
import type { AppContext } from '../../services/context.js';
import {
  checkConfirmToken,
  confirmSubscription,
  eraseSubscriber,
  subscribe,
  subscriberData,
  subscriberLanguage,
  unsubscribe,
  type PlaceInput,
} from '../../services/subscriptions/subscriptions.service.js';
import { pushPublicKey } from '../../services/subscriptions/device.service.js';
import { formField, registerFormBody, type FormBody } from './form-body.js';
import { html } from './html.js';
import { isPortalLang, PORTAL_LANGS, type PortalLang } from './i18n.js';
import { subscribeTexts } from './subscribe.texts.js';
import {
  dataPage,
  emptyForm,
  messagePage,
  subscribePage,
  tokenButton,
  type SubscribeForm,
} from './subscribe.view.js';

const route = { config: { access: 'public' }, schema: { hide: true } } as const;

/** Subscription requests one client address may make in {@link WINDOW_MS}. */
const MAX_PER_WINDOW = 5;
const WINDOW_MS = 10 * 60_000;

/** Counts requests per client address over a sliding window; old entries fall away as it is used. */
class RateWindow {
  private readonly hits = new Map<string, number[]>();
  allow(key: string, now: number): boolean {
    if (this.hits.size > 10_000)
      for (const [k, v] of this.hits) if (v.at(-1)! <= now - WINDOW_MS) this.hits.delete(k);
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - WINDOW_MS);
    if (recent.length >= MAX_PER_WINDOW) {
      this.hits.set(key, recent);
      return false;
    }
    recent.push(now);
    this.hits.set(key, recent);
    return true;
  }
}

/** Pages with a token in the address are nobody else's: not cached, not sent on as a referrer. */
function privatePage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .type('text/html; charset=utf-8')
    .send(body);
}

function formOf(body: unknown, lang: PortalLang): SubscribeForm {
  const b = (body ?? {}) as FormBody;
  const f = (name: keyof SubscribeForm) => formField(b, name);
  return {
    email: f('email'),
    name: f('name'),
    language: f('language') || lang,
    mode: f('mode') === 'point' ? 'point' : 'named',
    placeId: f('placeId'),
    lat: f('lat'),
    lon: f('lon'),
    radiusKm: f('radiusKm'),
  };
}

const number = (text: string) => (text.trim() === '' ? NaN : Number(text.replace(',', '.')));

/** The form's place, or the message for the field at fault. */
function placeOf(form: SubscribeForm, lang: PortalLang): PlaceInput | string {
  const t = subscribeTexts(lang).fields;
  if (form.mode === 'named') return form.placeId ? { placeId: form.placeId } : t.place;
  const lat = number(form.lat);
  const lon = number(form.lon);
  const radiusKm = number(form.radiusKm);
  if (!Number.isFinite(lat)) return t.lat;
  if (!Number.isFinite(lon)) return t.lon;
  if (!Number.isFinite(radiusKm)) return t.radiusSmall;
  return { lat, lon, radiusM: radiusKm * 1000 };
}

/** A service's refusal in the reader's words. */
function messageFor(err: AppError, lang: PortalLang): string {
  const t = subscribeTexts(lang);
  if (t.errors[err.code]) return t.errors[err.code]!;
  const field = err.field ?? '';
  if (field === 'email' || field === 'name' || field === 'language') return t.fields[field];
  if (field.endsWith('/lat')) return t.fields.lat;
  if (field.endsWith('/lon')) return t.fields.lon;
  if (field.endsWith('/radiusM'))
    return /largest/.test(err.detail) ? t.fields.radiusLarge : t.fields.radiusSmall;
  if (field.startsWith('places')) return t.fields.place;
  return err.detail;
}

const tokenOf = (request: FastifyRequest): string => {
  const fromQuery = (request.query as { token?: unknown }).token;
  if (typeof fromQuery === 'string') return fromQuery;
  return formField((request.body ?? {}) as FormBody, 'token');
};

/**
 * The subscription pages: subscribe, confirm (GET shows a button, POST confirms), the subscriber's
 * own data with erasure, and unsubscribe (a GET page with a button, and the RFC 8058 one-click
 * POST). A GET never changes anything, because mail scanners follow the links in e-mails.
 */
export function registerSubscribePages(app: FastifyInstance, ctx: AppContext): void {
  registerFormBody(app);
  const base = ctx.config.publicUrl;
  const limiter = new RateWindow();

  /** Renders a service's refusal on a page of its own, or rethrows what is not a refusal. */
  const refusal = (reply: FastifyReply, lang: PortalLang, path: string, title: string, err: unknown) => {
    if (!(err instanceof AppError) || (err.status >= 500 && err.status !== 503)) throw err;
    const t = subscribeTexts(lang);
    const again = html`<p><a href="/${lang}/subscribe">${t.subscribeAgain}</a></p>`;
    return privatePage(reply, err.status, messagePage(lang, base, path, title, messageFor(err, lang), again));
  };

  // The push worker at the site's root, so its scope is the whole site; never cached for long, so
  // a new version reaches browsers at their next visit.
  const worker = readFileSync(path.join(PACKAGE_ROOT, 'src', 'http', 'portal', 'worker', 'push-worker.js'));
  app.get('/push-worker.js', route, async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('service-worker-allowed', '/')
      .send(worker),
  );

  for (const lang of PORTAL_LANGS) {
    const t = subscribeTexts(lang);
    app.get(`/${lang}/subscribe`, route, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(subscribePage(lang, base, emptyForm(lang), [], pushPublicKey(ctx))),
    );

    app.post(`/${lang}/subscribe`, route, async (request, reply) => {
      const form = formOf(request.body, lang);
      const again = (status: number, message: string) =>
        privatePage(reply, status, subscribePage(lang, base, form, [message], pushPublicKey(ctx)));
      if (!limiter.allow(request.ip, ctx.clock.now().getTime())) return again(429, t.errors.rate_limited!);
      const place = placeOf(form, lang);
      if (typeof place === 'string') return again(422, place);
      try {
        await subscribe(ctx, {
          email: form.email,
          name: form.name || null,
          language: isPortalLang(form.language) ? form.language : 'invalid',
          places: [place],
        });
      } catch (err) {
        if (err instanceof AppError && (err.status < 500 || err.status === 503))
          return again(err.status, messageFor(err, lang));
        throw err;
      }
      return privatePage(reply, 200, messagePage(lang, base, '/subscribe', t.sentTitle, t.sentLead));
    });

    app.get(`/${lang}/subscribe/confirm`, route, async (request, reply) => {
      const token = tokenOf(request);
      try {
        await checkConfirmToken(ctx, token);
      } catch (err) {
        return refusal(reply, lang, '/subscribe/confirm', t.confirmTitle, err);
      }
      const button = tokenButton(`/${lang}/subscribe/confirm`, token, t.confirmButton);
      return privatePage(
        reply,
        200,
        messagePage(lang, base, '/subscribe/confirm', t.confirmTitle, t.confirmLead, button),
      );
    });

    app.post(`/${lang}/subscribe/confirm`, route, async (request, reply) => {
      try {
        await confirmSubscription(ctx, tokenOf(request));
      } catch (err) {
        return refusal(reply, lang, '/subscribe/confirm', t.confirmTitle, err);
      }
      return privatePage(
        reply,
        200,
        messagePage(lang, base, '/subscribe/confirm', t.confirmedTitle, t.confirmedLead),
      );
    });

    app.get(`/${lang}/subscription`, route, async (request, reply) => {
      const token = tokenOf(request);
      try {
        return privatePage(reply, 200, dataPage(lang, base, token, await subscriberData(ctx, token)));
      } catch (err) {
        return refusal(reply, lang, '/subscription', t.dataTitle, err);
      }
    });

    app.post(`/${lang}/subscription/erase`, route, async (request, reply) => {
      try {
        await eraseSubscriber(ctx, tokenOf(request));
      } catch (err) {
        return refusal(reply, lang, '/subscription', t.eraseTitle, err);
      }
      return privatePage(reply, 200, messagePage(lang, base, '/subscription', t.erasedTitle, t.erasedLead));
    });
  }

  // The link in every e-mail's List-Unsubscribe header has no language; the subscriber's own is used.
  const languageOf = async (token: string): Promise<PortalLang> => {
    const found = await subscriberLanguage(ctx, token).catch(() => null);
    return found && isPortalLang(found.language) ? found.language : ctx.config.publicLanguage;
  };

  app.get('/unsubscribe', route, async (request, reply) => {
    const token = tokenOf(request);
    const lang = await languageOf(token);
    const t = subscribeTexts(lang);
    try {
      await subscriberLanguage(ctx, token);
    } catch (err) {
      return refusal(reply, lang, '/unsubscribe', t.unsubscribeTitle, err);
    }
    const button = tokenButton(`/unsubscribe?token=${token}`, token, t.unsubscribeButton);
    return privatePage(
      reply,
      200,
      messagePage(lang, base, '/unsubscribe', t.unsubscribeTitle, t.unsubscribeLead, button),
    );
  });

  // RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" to the header's URL; the form posts the token.
  app.post('/unsubscribe', route, async (request, reply) => {
    const token = tokenOf(request);
    const lang = await languageOf(token);
    const t = subscribeTexts(lang);
    try {
      await unsubscribe(ctx, token);
    } catch (err) {
      return refusal(reply, lang, '/unsubscribe', t.unsubscribeTitle, err);
    }
    const manage = html`<p><a href="/${lang}/subscription?token=${token}">${t.manageLink}</a></p>`;
    return privatePage(
      reply,
      200,
      messagePage(lang, base, '/unsubscribe', t.unsubscribedTitle, t.unsubscribedLead, manage),
    );
  });
}
