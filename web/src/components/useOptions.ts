import { useTranslation } from 'react-i18next';
import { ROLES, type Organisation } from '../api/types';
import { LANGUAGES } from '../i18n/i18n';

export interface Option {
  value: string;
  label: string;
}

/** Select options share their wording with the rest of the console, so they come from one place. */
export function useRoleOptions(): Option[] {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}

export function useLanguageOptions(): Option[] {
  const { t } = useTranslation();
  return LANGUAGES.map((lng) => ({ value: lng, label: t(`language.native.${lng}`) }));
}

/** The empty value stands for "every organisation" — a grant not limited to one agency. */
export function useOrganisationOptions(organisations: Organisation[] | undefined): Option[] {
  const { t } = useTranslation();
  return [
    { value: '', label: t('grants.anyOrganisation') },
    ...(organisations ?? []).map((o) => ({
      value: o.id,
      label: o.shortName ? `${o.shortName} — ${o.name}` : o.name,
    })),
  ];
}
