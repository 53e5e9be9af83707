import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorText, languageOf } from '../../core/messages/messages.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../services/context.js';
import {
  acknowledgeByLink,
  decideByLink,
  openInjectLink,
  reportByLink,
} from '../../services/play/inject-link.service.js';
import { MAX_REPORT_CHARS as MAX_REPORT } from '../../services/play/play.service.js';
import { formField, registerFormBody, type FormBody } from './form-body.js';
import { isPortalLang, type PortalLang } from './i18n.js';
import { injectLinkTexts } from './inject-link.texts.js';
import { injectLinkPage, invalidLinkPage, type LinkDone } from './inject-link.view.js';

const route = { config: { access: 'public' }, schema: { hide: true } } as const;
const DONE = new Set<LinkDone>(['acknowledged', 'reported', 'decided']);

/** The token is the only key to the page: not cached, not sent on as a referrer, not indexed. */
function privatePage(reply: FastifyReply, status: number, body: string) {
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(body);
}

type Params = { lang: string; token: string };

/**
 * The page a player without an account opens from an inject's e-mail or SMS (`/i/{token}`, sent on
 * to the message's language): the inject, "received", the team's decision, and reports, each a
 * plain form answered by a redirect back. A GET changes no play (mail scanners follow links); it
 * only stamps the first opening.
 */
export function registerInjectLinkPages(app: FastifyInstance, ctx: AppContext): void {
  registerFormBody(app);

  const refusal = (reply: FastifyReply, lang: PortalLang, token: string, err: unknown) => {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return privatePage(
      reply,
      err.status,
      invalidLinkPage(lang, token, errorText(lang, err.code, err.params)),
    );
  };

  app.get('/i/:token', route, async (request: FastifyRequest<{ Params: { token: string } }>, reply) => {
    const { token } = request.params;
    try {
      const view = await openInjectLink(ctx, token);
      const lang = isPortalLang(view.language) ? view.language : 'ru';
      return reply.header('cache-control', 'no-store').redirect(`/${lang}/i/${token}`, 303);
    } catch (err) {
      return refusal(reply, languageOf(request.headers['accept-language']) ?? 'ru', token, err);
    }
  });

  app.get(
    '/:lang/i/:token',
    route,
    async (request: FastifyRequest<{ Params: Params; Querystring: { done?: string } }>, reply) => {
      const { lang, token } = request.params;
      if (!isPortalLang(lang)) return reply.callNotFound();
      try {
        const view = await openInjectLink(ctx, token);
        const done = DONE.has(request.query.done as LinkDone) ? (request.query.done as LinkDone) : undefined;
        return privatePage(reply, 200, injectLinkPage(lang, token, view, { done }));
      } catch (err) {
        return refusal(reply, lang, token, err);
      }
    },
  );

  /** Runs an action; on a refusal shows the page again with the sentence and what was typed. */
  const act = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    done: LinkDone,
    run: (token: string, form: FormBody) => Promise<unknown>,
  ) => {
    const { lang, token } = request.params;
    if (!isPortalLang(lang)) return reply.callNotFound();
    const form = (request.body ?? {}) as FormBody;
    try {
      await run(token, form);
      return reply.redirect(`/${lang}/i/${token}?done=${done}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'inject_link_invalid') return refusal(reply, lang, token, err);
      const t = injectLinkTexts(lang);
      const tooLong = formField(form, 'text').length > MAX_REPORT;
      const problem =
        err.field === 'text'
          ? tooLong
            ? t.textTooLong
            : t.textMissing
          : errorText(lang, err.code, err.params);
      const view = await openInjectLink(ctx, token);
      return privatePage(
        reply,
        err.status,
        injectLinkPage(lang, token, view, { problem, draft: formField(form, 'text') }),
      );
    }
  };

  app.post('/:lang/i/:token/acknowledge', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
    act(request, reply, 'acknowledged', (token) => acknowledgeByLink(ctx, token)),
  );
  app.post('/:lang/i/:token/report', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
    act(request, reply, 'reported', (token, form) =>
      reportByLink(ctx, token, { text: formField(form, 'text') }),
    ),
  );
  app.post('/:lang/i/:token/decision', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
    act(request, reply, 'decided', (token, form) => decideByLink(ctx, token, formField(form, 'option'))),
  );
}
