import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useDashboard } from '../api/dashboard';
import type { Dashboard } from '../api/types';
import { AuditTable } from '../components/AuditTable';
import { PageTitle } from '../components/PageTitle';
import { QueryState } from '../components/QueryState';
import { MyExercises } from './MyExercises';

const COUNTS: (keyof Dashboard['counts'])[] = ['users', 'organisations', 'activeSessions', 'auditEntries'];

export function DashboardPage() {
  const { t } = useTranslation();
  const query = useDashboard();
  return (
    <Stack>
      <PageTitle title={t('dashboard.title')} />
      <MyExercises />
      <QueryState query={query}>
        {(data) => (
          <>
            <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
              {COUNTS.filter((key) => data.counts[key] !== undefined).map((key) => (
                <Paper key={key} withBorder p="sm" radius="sm">
                  <Text size="sm">{t(`dashboard.counts.${key}`)}</Text>
                  <Text fz={28} fw={700} data-testid={`count-${key}`}>
                    {data.counts[key]}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
            {data.recentAudit && (
              <>
                <Title order={2} size="h4">
                  {t('dashboard.recentAudit')}
                </Title>
                <AuditTable entries={data.recentAudit} caption={t('dashboard.recentAuditCaption')} />
              </>
            )}
          </>
        )}
      </QueryState>
    </Stack>
  );
}
