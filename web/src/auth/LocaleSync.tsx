import { useEffect, useRef } from 'react';
import { useSaveOwnLocale } from '../api/session';
import { changeLanguage, languageChosenThisVisit, languageSaved, isLocale } from '../i18n/i18n';
import i18n from '../i18n/i18n';
import { useSession } from './useSession';

/**
 * Once per sign-in, reconciles the console's language with the user's saved one: a language picked
 * on the sign-in page just now wins and is saved; otherwise the saved one is applied.
 */
export function LocaleSync() {
  const { user } = useSession();
  const save = useSaveOwnLocale();
  const synced = useRef<string | null>(null);

  useEffect(() => {
    if (synced.current === user.id) return;
    synced.current = user.id;
    const current = i18n.language;
    if (languageChosenThisVisit() && isLocale(current)) {
      if (current !== user.locale) save.mutate(current, { onSuccess: languageSaved });
      else languageSaved();
    } else if (user.locale !== current) {
      changeLanguage(user.locale, false);
    }
  }, [user.id, user.locale, save]);

  return null;
}
