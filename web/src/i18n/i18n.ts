import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import outboxEn from './outbox/en.json';
import outboxKk from './outbox/kk.json';
import outboxRu from './outbox/ru.json';
import fanoutsEn from './fanouts/en.json';
import fanoutsKk from './fanouts/kk.json';
import fanoutsRu from './fanouts/ru.json';
import commentsEn from './comments/en.json';
import commentsKk from './comments/kk.json';
import commentsRu from './comments/ru.json';
import liveEn from './live/en.json';
import liveKk from './live/kk.json';
import liveRu from './live/ru.json';
import alertsEn from './alerts/en.json';
import alertsKk from './alerts/kk.json';
import alertsRu from './alerts/ru.json';
import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';
import planningEn from './planning/en.json';
import planningKk from './planning/kk.json';
import planningRu from './planning/ru.json';
import mapEn from './map/en.json';
import mapKk from './map/kk.json';
import mapRu from './map/ru.json';
import sharingEn from './sharing/en.json';
import sharingKk from './sharing/kk.json';
import sharingRu from './sharing/ru.json';
import importsEn from './imports/en.json';
import importsKk from './imports/kk.json';
import importsRu from './imports/ru.json';
import noticesEn from './notices/en.json';
import noticesKk from './notices/kk.json';
import noticesRu from './notices/ru.json';
import type { Locale } from '../api/types';

export const LANGUAGES: readonly Locale[] = ['kk', 'ru', 'en'];
const STORAGE_KEY = 'dabyl.language';

export const isLocale = (value: unknown): value is Locale => LANGUAGES.includes(value as Locale);

function storedLanguage(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage can be switched off by policy; the console still works, it just forgets.
    return null;
  }
}

function initialLanguage(): Locale {
  const fromBrowser = navigator.language.slice(0, 2);
  return storedLanguage() ?? (isLocale(fromBrowser) ? fromBrowser : 'kk');
}

/** Set when the person picks a language before signing in, so sign-in does not undo that choice. */
let chosenThisVisit = false;
export const languageChosenThisVisit = (): boolean => chosenThisVisit;

export function changeLanguage(lng: Locale, byUser: boolean): void {
  if (byUser) chosenThisVisit = true;
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // See storedLanguage.
  }
  void i18n.changeLanguage(lng);
}

i18n.on('languageChanged', (lng) => {
  // Screen readers pick their voice from <html lang>.
  document.documentElement.lang = lng;
});

void i18n.use(initReactI18next).init({
  resources: {
    kk: { translation: { ...kk, ...mapKk, ...planningKk, ...importsKk, ...sharingKk, ...noticesKk } },
    ru: { translation: { ...ru, ...mapRu, ...planningRu, ...importsRu, ...sharingRu, ...noticesRu } },
    en: { translation: { ...en, ...mapEn, ...planningEn, ...importsEn, ...sharingEn, ...noticesEn } },
  },
  lng: initialLanguage(),
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

// Added beside the merged bundles above, deep and without overwriting, like a folder of its own.
i18n.addResourceBundle('kk', 'translation', commentsKk, true, false);
i18n.addResourceBundle('ru', 'translation', commentsRu, true, false);
i18n.addResourceBundle('en', 'translation', commentsEn, true, false);
// The deliveries screen's strings, a namespace folder of their own like planning/.
i18n.addResourceBundle('kk', 'translation', outboxKk, true, false);
i18n.addResourceBundle('ru', 'translation', outboxRu, true, false);
i18n.addResourceBundle('en', 'translation', outboxEn, true, false);
i18n.addResourceBundle('kk', 'translation', fanoutsKk, true, false);
i18n.addResourceBundle('ru', 'translation', fanoutsRu, true, false);
i18n.addResourceBundle('en', 'translation', fanoutsEn, true, false);
// The live stream's indicator, shared by every live screen.
i18n.addResourceBundle('kk', 'translation', liveKk, true, false);
i18n.addResourceBundle('ru', 'translation', liveRu, true, false);
i18n.addResourceBundle('en', 'translation', liveEn, true, false);
// Public alerts: the composer, the approval queue and the second factor.
i18n.addResourceBundle('kk', 'translation', alertsKk, true, false);
i18n.addResourceBundle('ru', 'translation', alertsRu, true, false);
i18n.addResourceBundle('en', 'translation', alertsEn, true, false);

export default i18n;
