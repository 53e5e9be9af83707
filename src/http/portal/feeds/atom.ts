import type { PublicNotice } from '../../../core/notice/notice.js';
import { escapeHtml } from '../html.js';
import { PORTAL_LANGS, texts, type PortalLang } from '../i18n.js';
import { pageUrl } from '../layout.js';
import { noticePath } from '../pages/notice.page.js';

const x = escapeHtml;

function firstText(notice: PublicNotice) {
  const lang = PORTAL_LANGS.find((l) => notice.snapshot.texts[l]);
  return lang ? { lang, text: notice.snapshot.texts[lang]! } : null;
}

/**
 * The notices as an Atom 1.0 feed: one entry per notice at its newest revision, each linking its
 * page in every language it was written in and its CAP message, as alert aggregators expect.
 */
export function renderAtom(notices: PublicNotice[], baseUrl: string, feedLang: PortalLang = 'kk'): string {
  const base = baseUrl.replace(/\/+$/, '');
  const updated = notices.reduce(
    (max, n) => (n.publishedAt > max ? n.publishedAt : max),
    '1970-01-01T00:00:00.000Z',
  );
  const t = texts(feedLang);
  const newestFirst = [...notices].sort((a, b) => (a.publishedAt < b.publishedAt ? 1 : -1));
  const entries = newestFirst.map((n) => {
    const first = firstText(n);
    const title = first?.text.title ?? n.slug;
    const alternates = PORTAL_LANGS.filter((l) => n.snapshot.texts[l]).map(
      (l) =>
        `<link rel="alternate" type="text/html" hreflang="${l}" title="${x(n.snapshot.texts[l]!.title)}" href="${x(pageUrl(l, noticePath(n.slug), base))}"/>`,
    );
    const cancelled = n.kind === 'Cancel' ? `${texts(first?.lang ?? feedLang).notice.state.cancelled}: ` : '';
    return `<entry>
<id>urn:dabyl:notice:${x(n.id)}</id>
<title${first ? ` xml:lang="${first.lang}"` : ''}>${x(cancelled + title)}</title>
<published>${x(n.firstPublishedAt)}</published>
<updated>${x(n.publishedAt)}</updated>
${alternates.join('\n')}
<link rel="alternate" type="application/cap+xml" href="${x(`${base}/notices/${n.id}.cap`)}"/>
<link rel="related" type="text/calendar" href="${x(`${base}/notices/${n.id}.ics`)}"/>
${first ? `<summary xml:lang="${first.lang}">${x(first.text.summary)}</summary>` : ''}
<category term="${n.kind}"/>
</entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feedLang}">
<id>${x(base)}/notices.atom</id>
<title>${x(`${t.siteName} — ${t.notices}`)}</title>
<subtitle>${x(t.siteTagline)}</subtitle>
<updated>${x(updated)}</updated>
<author><name>${x(t.siteName)}</name><uri>${x(base)}/</uri></author>
<link rel="self" type="application/atom+xml" href="${x(base)}/notices.atom"/>
${PORTAL_LANGS.map((l) => `<link rel="alternate" type="text/html" hreflang="${l}" href="${x(pageUrl(l, '/', base))}"/>`).join('\n')}
<generator>Dabyl</generator>
${entries.join('\n')}
</feed>
`;
}
