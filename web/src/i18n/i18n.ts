import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { numbersInSentences } from './numbers';
import { RESOURCES } from './resources';
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

/**
 * The language the person picked and the server has not yet saved as theirs. Kept for the tab's
 * session, not only in memory: a page loaded before the save went through (a link opened at once
 * after signing in) must not switch back to the old saved language.
 */
const UNSAVED_KEY = 'dabyl.language.unsaved';
let chosenThisVisit = false;

function unsavedChoice(): boolean {
  try {
    return sessionStorage.getItem(UNSAVED_KEY) !== null;
  } catch {
    return false; // See storedLanguage.
  }
}

/** Set when the person picks a language before signing in, so sign-in does not undo that choice. */
export const languageChosenThisVisit = (): boolean => chosenThisVisit || unsavedChoice();

/** The picked language is now the person's saved one. */
export function languageSaved(): void {
  chosenThisVisit = false;
  try {
    sessionStorage.removeItem(UNSAVED_KEY);
  } catch {
    // See storedLanguage.
  }
}

export function changeLanguage(lng: Locale, byUser: boolean): void {
  if (byUser) {
    chosenThisVisit = true;
    try {
      sessionStorage.setItem(UNSAVED_KEY, lng);
    } catch {
      // See storedLanguage.
    }
  }
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

void i18n
  .use(initReactI18next)
  .use(numbersInSentences)
  .init({
    resources: {
      kk: { translation: RESOURCES.kk },
      ru: { translation: RESOURCES.ru },
      en: { translation: RESOURCES.en },
    },
    lng: initialLanguage(),
    fallbackLng: 'en',
    // alwaysFormat: every value passes through numbersInSentences, which writes numbers as the language does.
    interpolation: { escapeValue: false, alwaysFormat: true },
    returnNull: false,
  });

export default i18n;
