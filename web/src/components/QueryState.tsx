import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client';
import { NotPermittedPage } from '../pages/NotPermittedPage';
import { ProblemAlert } from './ProblemAlert';

interface Props<T> {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  children: (data: T) => ReactNode;
}

/** Loading, refusal and failure look the same on every screen; only the data part differs. */
export function QueryState<T>({ query, children }: Props<T>) {
  const { t } = useTranslation();
  if (query.error instanceof ApiError && query.error.status === 403) return <NotPermittedPage />;
  if (query.error) return <ProblemAlert error={query.error} />;
  if (query.isPending || query.data === undefined) {
    return (
      <Center p="xl">
        <Loader size="sm" aria-label={t('common.loading')} />
      </Center>
    );
  }
  return children(query.data);
}
