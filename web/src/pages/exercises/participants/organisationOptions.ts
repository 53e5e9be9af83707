import type { TFunction } from 'i18next';
import type { Organisation } from '../../../api/types';

/** Organisation choices for the participant forms; the empty value means "none". */
export const organisationOptions = (organisations: Organisation[], t: TFunction, empty: string) => [
  { value: '', label: t(empty) },
  ...organisations.map((o) => ({ value: o.id, label: o.shortName ? `${o.shortName} — ${o.name}` : o.name })),
];
