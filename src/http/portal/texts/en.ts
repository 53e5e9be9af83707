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
  locale: 'en-GB',
  home: {
    title: 'Drills and public alerts',
    lead: 'Planned drills in your city: where and when, which streets are closed, and what you will see and hear. Notices are published in advance so nobody is alarmed.',
    alertLabel: 'ALERT — this is not a drill',
    alertMore: 'What to do',
    alertFrom: 'Issued by',
    alertUnverified: 'its signature could not be verified',
    alertsOther: 'Alerts from other authorities',
    now: 'Happening now',
    next: 'Coming up',
    cancelled: 'Cancelled',
    past: 'Past drills',
    nothingNow: 'No drill is under way right now.',
    nothingNext: 'No drills are planned yet.',
    nearMe: 'Sort by distance from me',
    nearMeHint: 'Your location is used only in your browser and is never sent to us.',
    nearMeWorking: 'Finding your location…',
    nearMeDone: 'Sorted by distance from you.',
    nearMeFailed: 'Your location is not available; the list stays by city.',
    km: (km: string) => `${km} km from you`,
    mapTitle: 'Map of current and upcoming drills',
    mapDescription: (n: number) =>
      n === 0
        ? 'No current or upcoming drills to show.'
        : `${n} current or upcoming drills, numbered as in the list below.`,
    legendNow: 'Under way',
    legendNext: 'Coming up',
    otherPlaces: 'Other places',
  },
  notice: {
    previewBanner: 'Preview: not published yet. This is how the page will look once published.',
    drillNote: 'This is a drill, not a real emergency. Do not call emergency numbers because of it.',
    cancelledNote: 'This drill has been cancelled. It will not take place.',
    state: { upcoming: 'Coming up', now: 'Under way', ended: 'Ended', cancelled: 'Cancelled' },
    drill: 'Drill',
    when: 'When',
    where: 'Where',
    timesIn: (zone: string) => `Local time (${zone})`,
    areas: 'Areas and road closures',
    area: 'Area',
    closure: 'Road closed',
    seeAndHear: 'What you will see and hear',
    do: 'What to do',
    dont: 'What not to do',
    contacts: 'Contacts',
    history: 'Publication and corrections',
    historyKind: { Alert: 'Published', Update: 'Corrected', Cancel: 'Cancelled' },
    revision: (n: number) => `revision ${n}`,
    missing: 'This notice has not been published in English.',
    readIn: 'Read it in:',
    links: 'Other formats',
    cap: 'CAP 1.2 message (for alert systems)',
    calendar: 'Add to calendar (iCalendar)',
    print: 'This page prints on paper as it is.',
    mapTitle: (title: string) => `Map: ${title}`,
    mapDescription: (areas: number, closures: number) =>
      `${areas} area(s) and ${closures} road closure(s), numbered as in the list below the map.`,
    legendArea: 'Drill area',
    legendClosure: 'Closed road',
    legendPlace: 'Town or district',
    scale: (km: number) => `${km} km`,
    streetMap: {
      label: (title: string) => `Street map: ${title}`,
      zoomIn: 'Zoom in',
      zoomOut: 'Zoom out',
      resetBearing: 'Turn the map back to north',
      attribution: 'Show map data sources',
      gestureWindows: 'Hold Ctrl and scroll to zoom the map',
      gestureMac: 'Hold ⌘ and scroll to zoom the map',
      gestureMobile: 'Move the map with two fingers',
    },
    notFound: 'There is no published notice at this address.',
    backHome: 'All notices',
  },
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
