import type { PublicNotice } from '../../../core/notice/notice.js';
import { publicState } from '../../../core/notice/state.js';
import { PORTAL_LANGS } from '../i18n.js';
import { pageUrl } from '../layout.js';
import { noticePath } from '../pages/notice.page.js';

/**
 * The notices as JSON for anyone building on them: each notice's newest revision as published,
 * with its state at the time of rendering and its addresses.
 */
export function renderNoticesJson(notices: PublicNotice[], baseUrl: string, now: Date): string {
  const base = baseUrl.replace(/\/+$/, '');
  return JSON.stringify({
    generatedAt: now.toISOString(),
    notices: notices.map((n) => ({
      id: n.id,
      slug: n.slug,
      revision: n.revision,
      kind: n.kind,
      state: publicState(n, now),
      firstPublishedAt: n.firstPublishedAt,
      publishedAt: n.publishedAt,
      capIdentifier: n.capIdentifier,
      city: n.snapshot.city,
      timeZone: n.snapshot.timeZone,
      startsAt: n.snapshot.startsAt,
      endsAt: n.snapshot.endsAt,
      languages: PORTAL_LANGS.filter((l) => n.snapshot.texts[l]),
      texts: n.snapshot.texts,
      areas: n.snapshot.areas,
      history: n.history,
      links: {
        pages: Object.fromEntries(
          PORTAL_LANGS.filter((l) => n.snapshot.texts[l]).map((l) => [
            l,
            pageUrl(l, noticePath(n.slug), base),
          ]),
        ),
        cap: `${base}/notices/${n.id}.cap`,
        calendar: `${base}/notices/${n.id}.ics`,
      },
    })),
  });
}
