import { assetUrl } from './assets.js';
import { html, raw, type Html } from './html.js';
import { PORTAL_LANGS, texts, type PortalLang } from './i18n.js';

export interface LayoutOptions {
  lang: PortalLang;
  title: string;
  /** The page's path after `/{lang}`, starting with `/`: `/` for home, `/notices/abc` for a notice. */
  path: string;
  /** The page's content: HTML already escaped (made with `html`). */
  body: string | Html;
  description?: string;
  /** Extra tags for <head>, already escaped (OpenGraph, feeds). */
  head?: string | Html;
  /** Same-origin script URLs, loaded deferred; the page must work without them. */
  scripts?: string[];
  /**
   * The site's public address (`DABYL_PUBLIC_URL`, or an export's --base-url) for canonical and
   * hreflang links, which search engines want absolute. Omitted: root-relative links.
   */
  baseUrl?: string;
}

const trimSlash = (url: string) => url.replace(/\/+$/, '');

/** The address of a page in a language: `/{lang}{path}`, absolute when a base URL is known. */
export function pageUrl(lang: PortalLang, path: string, baseUrl = ''): string {
  return `${trimSlash(baseUrl)}/${lang}${path.startsWith('/') ? path : '/' + path}`;
}

/**
 * Every public page's frame: header with the site's name and the same page in the other
 * languages, hreflang alternates, main, and a footer with the feeds, the comment policy and
 * subscription. Works with JavaScript off; scripts only add to it.
 */
export function renderLayout(options: LayoutOptions): string {
  const { lang, path, baseUrl = '' } = options;
  const t = texts(lang);
  const alternates = PORTAL_LANGS.map(
    (l) => html`<link rel="alternate" hreflang="${l}" href="${pageUrl(l, path, baseUrl)}" />`,
  );
  const switcher = PORTAL_LANGS.map((l) =>
    l === lang
      ? html`<li><span aria-current="page" lang="${l}">${t.languageNames[l]}</span></li>`
      : html`<li><a href="${pageUrl(l, path)}" hreflang="${l}" lang="${l}">${t.languageNames[l]}</a></li>`,
  );
  const scripts = (options.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`);
  const page = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <title>${options.title} — ${t.siteName}</title>
        ${options.description ? html`<meta name="description" content="${options.description}" />` : ''}
        <link rel="canonical" href="${pageUrl(lang, path, baseUrl)}" />
        ${alternates}
        <link rel="alternate" hreflang="x-default" href="${trimSlash(baseUrl)}/" />
        <link rel="alternate" type="application/atom+xml" title="${t.noticesFeed}" href="/notices.atom" />
        <link rel="stylesheet" href="${assetUrl('portal.css')}" />
        ${raw(String(options.head ?? ''))} ${scripts}
      </head>
      <body>
        <a class="skip" href="#main">${t.skipToContent}</a>
        <header class="site-header">
          <div class="wrap">
            <a class="brand" href="/${lang}/">${t.siteName}<small>${t.siteTagline}</small></a>
            <nav class="langs" aria-label="${t.languageNav}">
              <ul>
                ${switcher}
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">${raw(String(options.body))}</main>
        <footer class="site-footer">
          <div class="wrap">
            <p>${t.footerAbout}</p>
            <nav aria-label="${t.footerNav}">
              <ul>
                <li><a href="/${lang}/">${t.notices}</a></li>
                <li><a href="/${lang}/subscribe">${t.subscribe}</a></li>
                <li><a href="/${lang}/comment-policy">${t.commentPolicy}</a></li>
                <li><a href="/notices.atom" type="application/atom+xml">${t.noticesFeed}</a></li>
                <li><a href="/notices.ics" type="text/calendar">${t.calendarFeed}</a></li>
              </ul>
            </nav>
          </div>
        </footer>
      </body>
    </html> `;
  return page.value;
}
