import { en, type PortalTexts } from './texts/en.js';
import { kk } from './texts/kk.js';
import { ru } from './texts/ru.js';

/** The public site's languages, in the order the language switcher shows them. */
export const PORTAL_LANGS = ['kk', 'ru', 'en'] as const;
export type PortalLang = (typeof PORTAL_LANGS)[number];

export type { PortalTexts };

const TEXTS: Record<PortalLang, PortalTexts> = { kk, ru, en };

export const isPortalLang = (value: unknown): value is PortalLang =>
  typeof value === 'string' && (PORTAL_LANGS as readonly string[]).includes(value);

/** The public site's texts in one language. */
export const texts = (lang: PortalLang): PortalTexts => TEXTS[lang];
