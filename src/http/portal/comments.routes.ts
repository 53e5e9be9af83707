import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../services/context.js';
import { issueChallenge } from '../../services/comments/challenge.service.js';
import { postComment, type PostOutcome } from '../../services/comments/post-comment.service.js';
import { approvedComments, castVote, voteCounts } from '../../services/comments/public-comments.service.js';
import { getPublicNotice } from '../../services/notices/public-notices.service.js';
import { commentPolicy } from './comment-policy.texts.js';
import { renderComments, renderVote } from './comments.view.js';
import { formField, type FormBody } from './form-body.js';
import { html } from './html.js';
import { PORTAL_LANGS, texts, type PortalLang } from './i18n.js';
import { pageUrl, renderLayout } from './layout.js';
import { noticePath, renderNoticePage } from './pages/notice.page.js';

/*
 * The public side of comments and votes. The two form posts declare no `access`: they act for no
 * one, so a staff member's session cookie (SameSite=strict, sent along when they read the site)
 * must not turn them into session writes that would demand the console's CSRF header.
 */

const hide = { hide: true };
export const COMMENT_FORM_LIMIT_BYTES = 24 * 1024;
type SlugParams = { slug: string };

const formOf = (request: FastifyRequest): FormBody =>
  request.body && typeof request.body === 'object' ? (request.body as FormBody) : {};

/** A form field as typed: the comment's own spaces and line breaks matter, so this one is not trimmed. */
const untrimmed = (body: FormBody, name: string): string => {
  const v = body[name];
  return Array.isArray(v) ? (v[0] ?? '') : (v ?? '');
};

function notFoundPage(ctx: AppContext, lang: PortalLang, reply: FastifyReply, path: string) {
  const t = texts(lang).notice;
  return reply
    .status(404)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      renderLayout({
        lang,
        title: t.notFound,
        path,
        body: html`<h1>${t.notFound}</h1>
          <p><a href="/${lang}/">${t.backHome}</a></p>`,
        baseUrl: ctx.config.publicUrl,
      }),
    );
}

export function registerCommentRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/portal/challenge', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.header('cache-control', 'no-store').send(await issueChallenge(ctx)),
  );

  for (const lang of PORTAL_LANGS) {
    app.post<{ Params: SlugParams }>(
      `/${lang}/notices/:slug/comments`,
      // 1,500 four-byte characters are 18 KB once percent-encoded, beside the name and the challenge.
      { schema: hide, bodyLimit: COMMENT_FORM_LIMIT_BYTES },
      async (request, reply) => {
        const form = formOf(request);
        const values = {
          name: untrimmed(form, 'name'),
          email: untrimmed(form, 'email'),
          body: untrimmed(form, 'body'),
        };
        const slug = request.params.slug;
        const outcome: PostOutcome = await postComment(ctx, {
          slug,
          language: lang,
          ...values,
          website: untrimmed(form, 'website'),
          challenge: formField(form, 'challenge'),
          nonce: formField(form, 'nonce'),
          clientAddress: request.ip,
        });
        const path = noticePath(slug);
        if (outcome.outcome === 'noSuchNotice') return notFoundPage(ctx, lang, reply, path);
        if (outcome.outcome === 'held')
          return reply.redirect(`${pageUrl(lang, path)}?comment=held#comment-held`, 303);
        const notice = await getPublicNotice(ctx, slug);
        if (!notice) return notFoundPage(ctx, lang, reply, path);
        const [comments, counts] = await Promise.all([
          approvedComments(ctx, notice.id),
          voteCounts(ctx, notice.id),
        ]);
        const retry = outcome.refusals.find((r) => r.retryAfterSeconds)?.retryAfterSeconds;
        if (retry) reply.header('retry-after', String(retry));
        return reply
          .status(outcome.status)
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(
            renderNoticePage({
              notice,
              lang,
              now: ctx.clock.now(),
              baseUrl: ctx.config.publicUrl,
              streetMap: ctx.config.basemap !== undefined,
              after:
                renderVote(lang, { slug, counts }) +
                renderComments(lang, {
                  slug,
                  comments,
                  errors: outcome.refusals,
                  values,
                  timeZone: notice.snapshot.timeZone,
                }),
            }),
          );
      },
    );

    app.post<{ Params: SlugParams }>(
      `/${lang}/notices/:slug/useful`,
      { schema: hide },
      async (request, reply) => {
        const answer = formField(formOf(request), 'useful');
        const slug = request.params.slug;
        const path = noticePath(slug);
        if (answer !== 'yes' && answer !== 'no') return reply.redirect(`${pageUrl(lang, path)}#useful`, 303);
        const result = await castVote(ctx, {
          slug,
          useful: answer === 'yes',
          clientAddress: request.ip,
          userAgent: request.headers['user-agent'] ?? '',
        });
        if (!result) return notFoundPage(ctx, lang, reply, path);
        return reply.redirect(`${pageUrl(lang, path)}?voted=1#voted`, 303);
      },
    );

    app.get(
      `/${lang}/comment-policy`,
      { config: { access: 'public' }, schema: hide },
      async (_request, reply) => {
        const policy = commentPolicy(lang);
        return reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'public, max-age=3600, stale-while-revalidate=86400')
          .send(
            renderLayout({
              lang,
              title: policy.title,
              path: '/comment-policy',
              baseUrl: ctx.config.publicUrl,
              description: policy.lead,
              body: html`<article class="comment-policy">
                <h1>${policy.title}</h1>
                <p class="lead">${policy.lead}</p>
                ${policy.sections.map(
                  (s) =>
                    html`<section>
                      <h2>${s.heading}</h2>
                      ${s.paragraphs.map((p) => html`<p>${p}</p>`)}
                      ${
                        s.items
                          ? html`<ul>
                              ${s.items.map((i) => html`<li>${i}</li>`)}
                            </ul>`
                          : ''
                      }
                    </section>`,
                )}
              </article>`,
            }),
          );
      },
    );
  }
}
