import { Alert, Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageTitle } from '../components/PageTitle';
import { STATUS } from '../theme';

export function NotPermittedPage() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageTitle title={t('notPermitted.title')} />
      <Alert color={STATUS.danger} variant="outline" role="alert" data-testid="not-permitted">
        {t('notPermitted.body')}
      </Alert>
      <Anchor component={Link} to="/">
        {t('notPermitted.back')}
      </Anchor>
    </Stack>
  );
}
