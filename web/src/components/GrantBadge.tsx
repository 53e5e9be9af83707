import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Grant, Organisation } from '../api/types';

/** A role and where it applies; an organisation the reader cannot see is shown by its id. */
export function GrantBadge({
  grant,
  organisations,
}: {
  grant: Grant;
  organisations: Organisation[] | undefined;
}) {
  const { t } = useTranslation();
  const org = grant.organisationId ? organisations?.find((o) => o.id === grant.organisationId) : undefined;
  const where = grant.organisationId ? (org?.shortName ?? org?.name ?? grant.organisationId) : null;
  return (
    <Badge variant="outline" color="dabyl" radius="sm" tt="none">
      {where
        ? t('grants.roleIn', { role: t(`roles.${grant.role}`), organisation: where })
        : t(`roles.${grant.role}`)}
    </Badge>
  );
}
