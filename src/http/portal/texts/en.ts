/**
 * The public site's English text. This object's shape is every language's: kk.ts and ru.ts must
 * have the same keys, so a text added here and missing there fails the type check. Add keys for
 * your page in all three files.
 */
export const en = {
  siteName: 'Dabyl',
  siteTagline: 'Drills and public alerts',
  skipToContent: 'Skip to content',
  languageNav: 'Language',
  languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
  mainNav: 'Site',
  footerNav: 'Feeds and pages',
  notices: 'Notices',
  noticesFeed: 'Notices feed (Atom)',
  calendarFeed: 'Calendar (iCalendar)',
  noticesJson: 'Notices as JSON',
  commentPolicy: 'Comment policy',
  subscribe: 'Subscribe to notices',
  footerAbout:
    'Notices of planned drills are published here in advance so nobody is alarmed. In a real emergency, call 112.',
} as const;

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => infer R
    ? (...args: A) => Widen<R>
    : { [K in keyof T]: Widen<T[K]> };

/** Every language's texts have this shape. */
export type PortalTexts = Widen<typeof en>;
