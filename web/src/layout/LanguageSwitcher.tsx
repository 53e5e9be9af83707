import { Button, Group, type MantineBreakpoint } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSessionQuery, useSaveOwnLocale } from '../api/session';
import type { Locale } from '../api/types';
import { LANGUAGES, changeLanguage } from '../i18n/i18n';

/** Each language is offered in its own name, so a reader finds theirs whatever is shown now. */
export function LanguageSwitcher({ visibleFrom }: { visibleFrom?: MantineBreakpoint }) {
  const { t, i18n } = useTranslation();
  const session = useSessionQuery();
  const save = useSaveOwnLocale();

  const choose = (lng: Locale) => {
    changeLanguage(lng, true);
    if (session.data && session.data.user.locale !== lng) save.mutate(lng);
  };

  return (
    <Group gap={4} role="group" aria-label={t('language.label')} visibleFrom={visibleFrom}>
      {LANGUAGES.map((lng) => {
        const active = i18n.language === lng;
        return (
          <Button
            key={lng}
            size="compact-sm"
            variant={active ? 'white' : 'subtle'}
            color={active ? 'dark' : 'gray.0'}
            aria-pressed={active}
            lang={lng}
            onClick={() => choose(lng)}
          >
            {t(`language.native.${lng}`)}
          </Button>
        );
      })}
    </Group>
  );
}
