import type { CommentRefusal, PublicComment, VoteCounts } from '../../core/comment/comment.js';
import { COMMENT_MAX_CHARS, countChars, NAME_MAX_CHARS } from '../../core/comment/rules.js';
import { assetUrl } from './assets.js';
import { commentTexts, type CommentTexts } from './comments.texts.js';
import { html, type Html } from './html.js';
import type { PortalLang } from './i18n.js';

/*
 * The comment section and the "was this useful?" vote of a notice page. Everything a person wrote
 * (names, comments, typed values sent back with errors) goes through `html`, which escapes it: a
 * comment is text and nothing else, never HTML or Markdown.
 */

export interface CommentsViewOptions {
  slug: string;
  comments: readonly PublicComment[];
  /**
   * Just posted: show that it waits for a moderator. Otherwise the message is still there, shown
   * only when the address ends in #comment-held (where the form's redirect goes), so one cached
   * page serves everyone.
   */
  heldNotice?: boolean;
  errors?: readonly CommentRefusal[];
  /** What the person typed, kept when the form comes back with errors. */
  values?: { name?: string; email?: string; body?: string };
  /** The zone comment times are shown in; the notice's own. */
  timeZone?: string;
}

const LOCALES: Record<PortalLang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

const number = (lang: PortalLang, n: number) => new Intl.NumberFormat(LOCALES[lang]).format(n);

function when(lang: PortalLang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeStyle: 'short', timeZone }).format(
    new Date(iso),
  );
}

const fieldLabel = (t: CommentTexts, field: CommentRefusal['field']) =>
  field === 'name' ? t.name : field === 'email' ? t.email : field === 'body' ? t.body : '';

/** The sentence for one refusal, in the reader's language. */
export function refusalText(lang: PortalLang, e: CommentRefusal): string {
  const t = commentTexts(lang);
  switch (e.message) {
    case 'blocked':
      return t.blocked;
    case 'rateLimited':
      return t.rateLimited(number(lang, Math.max(1, Math.ceil((e.retryAfterSeconds ?? 60) / 60))));
    case 'pow':
      return t.pow;
    case 'closed':
      return t.closed;
    case 'tooLong':
      return `${fieldLabel(t, e.field)} ${t.tooLong(number(lang, e.limit ?? COMMENT_MAX_CHARS))}`;
    default:
      return `${fieldLabel(t, e.field)} ${t[e.message]}`;
  }
}

const fieldId = (field: string) => `comment-${field}`;

function fieldError(lang: PortalLang, errors: readonly CommentRefusal[], field: string): Html | '' {
  const e = errors.find((x) => x.field === field);
  return e ? html`<p class="field-error" id="${fieldId(field)}-error">${refusalText(lang, e)}</p>` : '';
}

function describedBy(errors: readonly CommentRefusal[], field: string, ...more: string[]): string {
  const ids = [...more, ...(errors.some((e) => e.field === field) ? [`${fieldId(field)}-error`] : [])];
  return ids.join(' ');
}

const invalid = (errors: readonly CommentRefusal[], field: string) =>
  errors.some((e) => e.field === field) ? 'true' : 'false';

function commentItem(lang: PortalLang, c: PublicComment, timeZone: string): Html {
  const t = commentTexts(lang);
  return html`<li class="comment">
    <article aria-label="${t.commentBy} ${c.name}">
      <p class="comment-meta">
        <strong class="comment-name">${c.name}</strong> ·
        <time datetime="${c.createdAt}">${when(lang, c.createdAt, timeZone)}</time>
      </p>
      <p class="comment-body" style="white-space:pre-line;overflow-wrap:anywhere">${c.body}</p>
    </article>
  </li>`;
}

/**
 * The comment section of a notice page: approved comments, then the form. The form works in two
 * same-origin scripts' company: comments.js counts characters live and, on submit, solves the
 * proof-of-work challenge from `GET /portal/challenge`. Without JavaScript the page says so.
 */
export function renderComments(lang: PortalLang, options: CommentsViewOptions): string {
  const t = commentTexts(lang);
  const errors = options.errors ?? [];
  const values = options.values ?? {};
  const timeZone = options.timeZone ?? 'Asia/Almaty';
  const typed = values.body ?? '';
  const list = options.comments.length
    ? html`<ol class="comment-list">
        ${options.comments.map((c) => commentItem(lang, c, timeZone))}
      </ol>`
    : html`<p class="comment-none">${t.noComments}</p>`;
  const summary = errors.length
    ? html`<div class="form-errors" role="alert" tabindex="-1" id="comment-errors">
        <p>${t.errorsTitle}</p>
        <ul>
          ${errors.map(
            (e) =>
              html`<li>
                ${e.field === 'form' ? refusalText(lang, e) : html`<a href="#${fieldId(e.field)}">${refusalText(lang, e)}</a>`}
              </li>`,
          )}
        </ul>
      </div>`
    : '';
  return html`<section id="comments" class="comments" aria-labelledby="comments-title">
    <link rel="stylesheet" href="${assetUrl('comments.css')}" />
    <h2 id="comments-title">${t.commentsTitle} (${number(lang, options.comments.length)})</h2>
    ${html`<p id="comment-held" class="comment-held${options.heldNotice ? '' : ' until-target'}" role="status">${t.held}</p>`}
    ${list}
    <h3 id="comment-form-title">${t.formTitle}</h3>
    <p>${t.formLead} <a href="/${lang}/comment-policy">${t.policyLink}</a></p>
    <noscript><p class="comment-needs-js">${t.needsJs}</p></noscript>
    ${summary}
    <form
      class="comment-form"
      method="post"
      action="/${lang}/notices/${encodeURIComponent(options.slug)}/comments"
      aria-labelledby="comment-form-title"
      data-challenge-url="/portal/challenge"
      data-working="${t.working}"
      data-pow-error="${t.pow}"
    >
      <p class="field">
        <label for="comment-name">${t.name}</label>
        <input
          id="comment-name"
          name="name"
          type="text"
          required
          maxlength="${NAME_MAX_CHARS}"
          autocomplete="name"
          value="${values.name ?? ''}"
          aria-invalid="${invalid(errors, 'name')}"
          ${describedBy(errors, 'name') ? html` aria-describedby="${describedBy(errors, 'name')}"` : ''}
        />
        ${fieldError(lang, errors, 'name')}
      </p>
      <p class="field">
        <label for="comment-email">${t.email}</label>
        <input
          id="comment-email"
          name="email"
          type="email"
          required
          maxlength="254"
          autocomplete="email"
          value="${values.email ?? ''}"
          aria-invalid="${invalid(errors, 'email')}"
          aria-describedby="${describedBy(errors, 'email', 'comment-email-hint')}"
        />
        <small id="comment-email-hint" class="hint">${t.emailHint}</small>
        ${fieldError(lang, errors, 'email')}
      </p>
      <p class="field">
        <label for="comment-body">${t.body}</label>
        <textarea
          id="comment-body"
          name="body"
          rows="6"
          required
          maxlength="${COMMENT_MAX_CHARS}"
          data-limit="${COMMENT_MAX_CHARS}"
          data-locale="${LOCALES[lang]}"
          aria-invalid="${invalid(errors, 'body')}"
          aria-describedby="${describedBy(errors, 'body', 'comment-body-hint', 'comment-counter')}"
        >
${typed}</textarea>
        <small id="comment-body-hint" class="hint">${t.bodyHint}</small>
        <small class="counter"
          ><span class="visually-hidden">${t.counterLabel}: </span
          ><span id="comment-counter"
            >${number(lang, countChars(typed))} / ${number(lang, COMMENT_MAX_CHARS)}</span
          ></small
        >
        ${fieldError(lang, errors, 'body')}
      </p>
      <div
        class="comment-hp"
        aria-hidden="true"
        style="position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden"
      >
        <label for="comment-website">${t.honeypot}</label>
        <input id="comment-website" name="website" type="text" tabindex="-1" autocomplete="off" value="" />
      </div>
      <input type="hidden" name="challenge" value="" />
      <input type="hidden" name="nonce" value="" />
      <p class="comment-status" role="status" aria-live="polite"></p>
      <p><button type="submit">${t.submit}</button></p>
    </form>
    <script src="${assetUrl('comments.js')}" defer></script>
  </section>`.value;
}

export interface VoteViewOptions {
  slug: string;
  counts: VoteCounts;
  /** Just voted: thank the reader. Otherwise shown only at #voted, as the held message is. */
  voted?: boolean;
}

/** "Was this useful?": a plain POST form, so it works without JavaScript, and the counts so far. */
export function renderVote(lang: PortalLang, options: VoteViewOptions): string {
  const t = commentTexts(lang);
  const counts = t.usefulCounts(number(lang, options.counts.yes), number(lang, options.counts.no));
  return html`<section id="useful" class="useful" aria-labelledby="useful-title">
    <link rel="stylesheet" href="${assetUrl('comments.css')}" />
    <h2 id="useful-title">${t.usefulTitle}</h2>
    ${html`<p id="voted" class="useful-thanks${options.voted ? '' : ' until-target'}" role="status">${t.voted}</p>`}
    <form
      class="useful-form"
      method="post"
      action="/${lang}/notices/${encodeURIComponent(options.slug)}/useful"
    >
      <button type="submit" name="useful" value="yes">${t.yes}</button>
      <button type="submit" name="useful" value="no">${t.no}</button>
    </form>
    <p class="useful-counts">${counts}</p>
    <p class="hint">${t.votePrivacy}</p>
  </section>`.value;
}
