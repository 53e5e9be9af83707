import type { PortalTexts } from './en.js';

/** The public site's Kazakh text; keys as in en.ts. */
export const kk: PortalTexts = {
  siteName: 'Дабыл',
  siteTagline: 'Оқу-жаттығулар және халықты хабардар ету',
  skipToContent: 'Негізгі мазмұнға өту',
  languageNav: 'Тіл',
  languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
  mainNav: 'Сайт бөлімдері',
  footerNav: 'Арналар мен беттер',
  notices: 'Хабарландырулар',
  noticesFeed: 'Хабарландырулар арнасы (Atom)',
  calendarFeed: 'Күнтізбе (iCalendar)',
  noticesJson: 'Хабарландырулар JSON пішімінде',
  commentPolicy: 'Пікір қалдыру ережесі',
  subscribe: 'Хабарландыруларға жазылу',
  footerAbout:
    'Ешкім алаңдамауы үшін мұнда жоспарланған оқу-жаттығулар туралы хабарландырулар алдын ала жарияланады. Нақты қауіп төнгенде 112 нөміріне қоңырау шалыңыз.',
};
