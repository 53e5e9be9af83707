import { Group, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The screen's heading; it also names the browser tab, which is what a screen reader announces first. */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  return (
    <Group justify="space-between" align="center" wrap="wrap">
      <Title order={1} size="h3">
        {title}
      </Title>
      {children}
    </Group>
  );
}
