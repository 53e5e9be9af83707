import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCan, useSession } from '../auth/useSession';
import { PageTitle } from '../components/PageTitle';
import { DashboardPage } from './DashboardPage';

/** Not every role reads the dashboard; those who do not still land somewhere that says who they are. */
export function HomePage() {
  const { t } = useTranslation();
  const { user } = useSession();
  const canDashboard = useCan('dashboard:read');
  if (canDashboard) return <DashboardPage />;
  return (
    <Stack>
      <PageTitle title={t('home.title')} />
      <Text>{t('home.body', { name: user.displayName })}</Text>
    </Stack>
  );
}
