import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { STATUS } from '../theme';

/** Shows what went wrong in the server's own words (`detail`), or a generic sentence otherwise. */
export function ProblemAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const detail = error instanceof ApiError ? error.detail : t('errors.network');
  return (
    <Alert color={STATUS.danger} variant="outline" title={title ?? t('errors.title')} role="alert">
      {detail}
    </Alert>
  );
}
