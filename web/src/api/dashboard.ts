import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client';
import type { Dashboard } from './types';

/** Keyed by the language too: the recent audit entries' sentences come worded in it. */
export function useDashboard() {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['dashboard', i18n.language],
    queryFn: () => api.get<Dashboard>('/dashboard'),
  });
}
