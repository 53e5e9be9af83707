import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle title={t('notFound.title')} />
      <Text>{t('notFound.body')}</Text>
      <Anchor component={Link} to="/">
        {t('notPermitted.back')}
      </Anchor>
    </Stack>
  );
}
