import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Earlier entries" under a newest-first list that loads a page at a time. */
export function OlderButton({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) return null;
  return (
    <Group justify="center">
      <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
        {t('audit.older')}
      </Button>
    </Group>
  );
}
