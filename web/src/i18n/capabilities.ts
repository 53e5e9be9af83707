import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { capabilityDescription, capabilityName } from '../../../src/core/exercise/capability-names';
import { isLocale } from './i18n';

/**
 * The catalogue is stored in English, as shipped or as an administrator worded it; the console
 * shows the shipped capabilities in the reader's language (src/core/exercise/capability-names.ts).
 */
export function useCapabilityWords() {
  const { i18n } = useTranslation();
  const lang = isLocale(i18n.language) ? i18n.language : 'en';
  const name = useCallback((id: string, stored: string) => capabilityName(id, stored, lang), [lang]);
  const description = useCallback(
    (id: string, stored: string) => capabilityDescription(id, stored, lang),
    [lang],
  );
  return { lang, name, description };
}
