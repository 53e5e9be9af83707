import type { PortalTexts } from './en.js';

/** The public site's Russian text; keys as in en.ts. */
export const ru: PortalTexts = {
  siteName: 'Дабыл',
  siteTagline: 'Учения и оповещение населения',
  skipToContent: 'Перейти к содержанию',
  languageNav: 'Язык',
  languageNames: { kk: 'Қазақша', ru: 'Русский', en: 'English' },
  mainNav: 'Разделы сайта',
  footerNav: 'Ленты и страницы',
  notices: 'Уведомления',
  noticesFeed: 'Лента уведомлений (Atom)',
  calendarFeed: 'Календарь (iCalendar)',
  noticesJson: 'Уведомления в JSON',
  commentPolicy: 'Правила комментариев',
  subscribe: 'Подписаться на уведомления',
  footerAbout:
    'Здесь заранее публикуются уведомления о запланированных учениях, чтобы никто не тревожился. При настоящей угрозе звоните 112.',
};
