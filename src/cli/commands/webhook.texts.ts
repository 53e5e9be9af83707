import type { MessageLang } from '../../core/messages/messages.js';

/** What `dabyl webhook secret` says to a person, in each language. */
export interface WebhookWords {
  webhook: string;
  secret: string;
  url: string;
  noKey: string;
}

export const WEBHOOK_WORDS: Readonly<Record<MessageLang, WebhookWords>> = {
  en: {
    webhook: "webhooks to other agencies' systems",
    secret: "print the secret a receiver verifies Dabyl's signatures with",
    url: "the receiver's URL, as its contact holds it",
    noKey: 'DABYL_WEBHOOK_SIGNING_KEY is not set: there is nothing to derive from',
  },
  kk: {
    webhook: 'басқа ведомстволардың жүйелеріне жіберілетін веб-хуктар',
    secret: 'қабылдаушы Дабыл қолтаңбаларын тексеретін құпия кілтті басып шығару',
    url: 'қабылдаушының URL мекенжайы, байланыс деректеріндегідей',
    noKey: 'DABYL_WEBHOOK_SIGNING_KEY орнатылмаған: құпия кілтті шығаратын негіз жоқ',
  },
  ru: {
    webhook: 'веб-хуки в системы других ведомств',
    secret: 'вывести секрет, которым получатель проверяет подписи Дабыла',
    url: 'URL получателя, как он записан в его контакте',
    noKey: 'DABYL_WEBHOOK_SIGNING_KEY не задан: секрет не из чего получить',
  },
};
