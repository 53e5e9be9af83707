import type { LinkedInject } from '../../services/play/inject-link.service.js';
import { assetUrl } from './assets.js';
import { html, type Html } from './html.js';
import type { PortalLang } from './i18n.js';
import { injectLinkTexts } from './inject-link.texts.js';
import { renderLayout } from './layout.js';

export type LinkDone = 'acknowledged' | 'reported' | 'decided';

const LOCALE: Record<PortalLang, string> = { kk: 'kk-KZ', ru: 'ru-RU', en: 'en-GB' };

/** A wall instant in the exercise's own zone, 24-hour, as its players read the clock. */
function timeIn(iso: string, timeZone: string, lang: PortalLang): string {
  return new Intl.DateTimeFormat(LOCALE[lang], {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_m, k: string) => values[k] ?? '');

const paragraphs = (text: string): Html[] => text.split(/\n+/).map((p) => html`<p>${p}</p>`);

/** A report's place as its readers write numbers: a decimal comma in kk and ru. */
function placeOf(lang: PortalLang, latitude: number, longitude: number): string {
  const n = new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 5, useGrouping: false });
  return fill(injectLinkTexts(lang).place, { lat: n.format(latitude), lon: n.format(longitude) });
}

/** What the player typed in the report form, shown again when it was refused. */
export interface ReportDraft {
  text: string;
  latitude: string;
  longitude: string;
  /** The place's box the refusal names, marked for the screen reader and the eye. */
  invalid?: 'latitude' | 'longitude' | undefined;
}

const NO_DRAFT: ReportDraft = { text: '', latitude: '', longitude: '' };

/**
 * The page of one inject opened from its link: phone-first, one column, working with scripts off
 * (every action is a plain form). `problem` is a refusal to show above the forms; `draft` keeps the
 * report the player typed when it was refused.
 */
export function injectLinkPage(
  lang: PortalLang,
  token: string,
  view: LinkedInject,
  options: {
    done?: LinkDone | undefined;
    problem?: string | undefined;
    draft?: ReportDraft | undefined;
  } = {},
): string {
  const t = injectLinkTexts(lang);
  const draft = options.draft ?? NO_DRAFT;
  const action = (what: string) => `/${lang}/i/${token}/${what}`;
  const inject = view.inject;
  const body = html`<article class="inject-link">
    <p class="exercise-marking" role="note"><strong>${t.marking}</strong> · ${view.exerciseName}</p>
    <p class="inject-link-who">
      ${t.player}: <strong>${view.player}</strong> · ${t.team}: ${view.team ?? t.noTeam} · ${t.exerciseTime}:
      <span class="mono">${view.clock.exercise}</span>
    </p>
    ${options.done ? html`<p class="flash" role="status">${t.done[options.done]}</p>` : ''}
    ${options.problem ? html`<p class="error" role="alert" id="report-problem">${options.problem}</p>` : ''}
    ${
      view.noPlay
        ? html`<section class="no-play" role="alert">
            <h1>${t.noPlayHeading}</h1>
            <p>${t.noPlayLead}</p>
            ${view.noPlay.reason ? html`<p>${view.noPlay.reason}</p>` : ''}
          </section>`
        : inject
          ? html`<h1>${t.title} ${inject.number}: ${inject.title}</h1>
              ${
                inject.firedAt
                  ? html`<p class="meta">${t.firedAt}: ${timeIn(inject.firedAt, view.timeZone, lang)}</p>`
                  : ''
              }
              <div class="inject-body">${paragraphs(inject.body)}</div>
              ${
                inject.acknowledgedAt
                  ? html`<p class="acknowledged">
                      ${t.acknowledgedAt} ${timeIn(inject.acknowledgedAt, view.timeZone, lang)}
                    </p>`
                  : html`<form method="post" action="${action('acknowledge')}">
                      <button type="submit">${t.acknowledge}</button>
                    </form>`
              }
              ${inject.decision ? decisionBlock(lang, action('decision'), inject.decision) : ''}
              <section>
                <h2>${t.reportHeading}</h2>
                <form
                  method="post"
                  action="${action('report')}"
                  enctype="multipart/form-data"
                  class="report-form"
                >
                  <label for="report-text">${t.reportLabel}</label>
                  <textarea
                    id="report-text"
                    name="text"
                    rows="4"
                    maxlength="4000"
                    aria-describedby="report-hint"
                  >
${draft.text}</textarea>
                  <p id="report-hint" class="hint">${t.reportHint}</p>
                  <label for="report-photo">${t.photoLabel}</label>
                  <div class="report-photo">
                    <input
                      id="report-photo"
                      name="photo"
                      type="file"
                      accept="image/jpeg,image/png,image/webp"
                      capture="environment"
                      aria-describedby="report-photo-hint"
                    />
                    ${photoPicker(lang)}
                  </div>
                  <p id="report-photo-hint" class="hint">${t.photoHint}</p>
                  ${placeFields(lang, draft)}
                  <button type="submit">${t.send}</button>
                </form>
              </section>
              <section>
                <h2>${t.reportsHeading}</h2>
                ${
                  view.reports.length
                    ? html`<ul class="reports">
                        ${view.reports.map(
                          (r) =>
                            html`<li>
                              <p class="meta">
                                ${r.author} ·
                                ${timeIn(r.createdAt, view.timeZone, lang)}${
                                  r.hasPhoto ? html` · ${t.withPhoto}` : ''
                                }${
                                  r.latitude !== null && r.longitude !== null
                                    ? html` · ${placeOf(lang, r.latitude, r.longitude)}`
                                    : ''
                                }
                              </p>
                              ${paragraphs(r.text)}
                            </li>`,
                        )}
                      </ul>`
                    : html`<p>${t.noReports}</p>`
                }
              </section>`
          : ''
    }
    ${
      view.expiresAt
        ? html`<p class="hint">${fill(t.expires, { at: timeIn(view.expiresAt, view.timeZone, lang) })}</p>`
        : ''
    }
  </article>`;
  return renderLayout({
    lang,
    title: inject && !view.noPlay ? `${t.title} ${inject.number}` : t.title,
    path: `/i/${token}`,
    body,
    // Fills the place from the phone's position; the boxes work without it.
    scripts: inject && !view.noPlay ? [assetUrl('locate.js'), assetUrl('photo-pick.js')] : [],
  });
}

/**
 * The report's place: two boxes a phone's decimal keypad fills, and a button, shown by the page's
 * script only where the browser can give a position, that fills them from it.
 */
function placeFields(lang: PortalLang, draft: ReportDraft): Html {
  const t = injectLinkTexts(lang);
  const box = (field: 'latitude' | 'longitude') => {
    const wrong = draft.invalid === field;
    return html`<p class="report-place-box">
      <label for="report-${field}">${t[field]}</label>
      <input
        id="report-${field}"
        name="${field}"
        type="text"
        inputmode="decimal"
        autocomplete="off"
        spellcheck="false"
        value="${draft[field]}"
        aria-describedby="${wrong ? 'report-problem report-place-hint' : 'report-place-hint'}"
        ${wrong ? html`aria-invalid="true"` : ''}
      />
    </p>`;
  };
  return html`<fieldset class="report-place">
    <legend>${t.placeLegend}</legend>
    <div class="report-place-boxes">${box('latitude')} ${box('longitude')}</div>
    <p id="report-place-hint" class="hint">${t.placeHint}</p>
    <div class="locate" hidden>
      <button
        type="button"
        class="secondary"
        id="locate"
        data-locating="${t.locating}"
        data-located="${t.located}"
        data-failed="${t.locateFailed}"
      >
        ${t.locate}
      </button>
      <p id="locate-status" class="hint" role="status"></p>
    </div>
  </fieldset>`;
}

/**
 * The browser words its own file box in the phone's language, not the page's ("Choose File" on a
 * Russian page): the page's script shows this picker in the page's language instead and hides the
 * box, which still carries the file. Without scripts the browser's box stays.
 */
function photoPicker(lang: PortalLang): Html {
  const t = injectLinkTexts(lang);
  return html`<div class="photo-picker" hidden>
    <button
      type="button"
      class="secondary"
      id="report-photo-pick"
      aria-describedby="report-photo-name report-photo-hint"
    >
      ${t.photoPick}
    </button>
    <p id="report-photo-name" class="photo-name" data-none="${t.photoNone}" aria-live="polite">
      ${t.photoNone}
    </p>
    <button type="button" class="secondary" id="report-photo-clear" hidden>${t.photoRemove}</button>
  </div>`;
}

function decisionBlock(
  lang: PortalLang,
  action: string,
  d: NonNullable<LinkedInject['inject']>['decision'],
): Html {
  const t = injectLinkTexts(lang);
  if (!d) return html``;
  return html`<section class="decision">
    <h2>${t.question}</h2>
    <p>${d.question}</p>
    ${
      d.chosen
        ? html`<p class="acknowledged">${fill(t.chosen, { option: d.chosen, by: d.by ?? '' })}</p>`
        : html`<p class="hint">${t.choose}</p>
            <form method="post" action="${action}" class="options">
              ${d.options.map((o) => html`<button type="submit" name="option" value="${o}">${o}</button>`)}
            </form>`
    }
  </section>`;
}

/** The page when the link opens nothing: mistyped, lapsed, or its person left the exercise. */
export function invalidLinkPage(lang: PortalLang, token: string, sentence: string): string {
  const t = injectLinkTexts(lang);
  return renderLayout({
    lang,
    title: t.invalidTitle,
    path: `/i/${token}`,
    body: html`<h1>${t.invalidTitle}</h1>
      <p>${sentence}</p>`,
  });
}
