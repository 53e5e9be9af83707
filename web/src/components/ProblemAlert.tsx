import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { problemText } from '../api/problemText';
import { STATUS } from '../theme';

/**
 * Shows what went wrong in the server's own words (`detail`), or a generic sentence otherwise;
 * `byCode` gives the reader's-language sentence for problem codes a screen expects.
 */
export function ProblemAlert({
  error,
  title,
  byCode,
}: {
  error: unknown;
  title?: string;
  byCode?: Record<string, string>;
}) {
  const { t, i18n } = useTranslation();
  if (!error) return null;
  const detail =
    error instanceof ApiError
      ? (byCode?.[error.code] ?? problemText(error, t, (key) => i18n.exists(key)))
      : t('errors.network');
  return (
    <Alert color={STATUS.danger} variant="outline" title={title ?? t('errors.title')} role="alert">
      {detail}
    </Alert>
  );
}
