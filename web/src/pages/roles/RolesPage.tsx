import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRoles } from '../../api/roles';
import { PageTitle } from '../../components/PageTitle';
import { QueryState } from '../../components/QueryState';
import { RolesMatrix } from './RolesMatrix';

export function RolesPage() {
  const { t } = useTranslation();
  const roles = useRoles();
  return (
    <Stack>
      <PageTitle title={t('rolesPage.title')} />
      <Text size="sm">{t('rolesPage.intro')}</Text>
      <QueryState query={roles}>{(data) => <RolesMatrix roles={data.items} />}</QueryState>
    </Stack>
  );
}
