import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorText, languageOf } from '../../core/messages/messages.js';
import { AppError } from '../../errors.js';
import type { AppContext } from '../../services/context.js';
import {
  acknowledgeByLink,
  decideByLink,
  openInjectLink,
  reportByLink,
} from '../../services/play/inject-link.service.js';
import { formField, registerFormBody, type FormBody } from './form-body.js';
import { isPortalLang, type PortalLang } from './i18n.js';
import {
  REPORT_FORM_LIMIT_BYTES,
  REPORT_FORM_PARTS,
  problemField,
  reportFields,
  reportOf,
  reportProblem,
  unreadableReport,
} from './inject-link.report.js';
import { injectLinkPage, invalidLinkPage, type LinkDone, type ReportDraft } from './inject-link.view.js';
import { registerMultipartBody } from './multipart.js';

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
 *
 * The forms carry no CSRF token of their own: the token in their path is the credential, which
 * another site cannot know (the page is sent with no-referrer, never cached, never indexed). That
 * holds for the report's multipart form as for the urlencoded ones.
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

  /** Shows the page again with a sentence above the forms and the report as typed. */
  const showAgain = async (
    reply: FastifyReply,
    lang: PortalLang,
    token: string,
    status: number,
    problem: string,
    draft?: ReportDraft,
  ) => {
    try {
      const view = await openInjectLink(ctx, token);
      return privatePage(reply, status, injectLinkPage(lang, token, view, { problem, draft }));
    } catch (err) {
      return refusal(reply, lang, token, err);
    }
  };

  /** Runs an action; on a refusal shows the page again with the sentence and what was typed. */
  const act = async (
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    done: LinkDone,
    run: (token: string, body: unknown) => Promise<unknown>,
  ) => {
    const { lang, token } = request.params;
    if (!isPortalLang(lang)) return reply.callNotFound();
    try {
      await run(token, request.body);
      return reply.redirect(`/${lang}/i/${token}?done=${done}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      if (err.code === 'inject_link_invalid') return refusal(reply, lang, token, err);
      const form = reportFields(request.body);
      return showAgain(reply, lang, token, err.status, reportProblem(lang, err, form), {
        text: formField(form, 'text'),
        latitude: formField(form, 'latitude'),
        longitude: formField(form, 'longitude'),
        invalid: problemField(err),
      });
    }
  };

  // The report takes a photo: multipart, with a body limit of its own, read for this route only.
  app.register(async (child) => {
    registerMultipartBody(child, REPORT_FORM_LIMIT_BYTES, REPORT_FORM_PARTS);
    // A body the form cannot have sent (two files, cut short, no boundary, too large) is refused on
    // the page in its language; the handler sees no body, so nothing is stored.
    child.setErrorHandler(async (error: FastifyError, request, reply) => {
      const { lang, token } = request.params as Params;
      const unreadable = isPortalLang(lang) ? unreadableReport(lang, error) : null;
      if (!unreadable || !isPortalLang(lang)) throw error;
      return showAgain(reply, lang, token, unreadable.status, unreadable.sentence);
    });
    child.post('/:lang/i/:token/report', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
      act(request, reply, 'reported', (token, body) => reportByLink(ctx, token, reportOf(body))),
    );
  });

  app.post('/:lang/i/:token/acknowledge', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
    act(request, reply, 'acknowledged', (token) => acknowledgeByLink(ctx, token)),
  );
  app.post('/:lang/i/:token/decision', route, (request: FastifyRequest<{ Params: Params }>, reply) =>
    act(request, reply, 'decided', (token, body) =>
      decideByLink(ctx, token, formField((body ?? {}) as FormBody, 'option')),
    ),
  );
}
