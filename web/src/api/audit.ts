import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client';
import type { AuditEntry, AuditVerification, Items } from './types';

const PAGE = 50;

/**
 * Newest first; each further page asks for entries before the oldest one already shown. Keyed by
 * the language too: each entry's sentence comes from the server in the console's language.
 */
export function useAuditLog() {
  const { i18n } = useTranslation();
  return useInfiniteQuery({
    queryKey: ['audit', i18n.language],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE) });
      if (pageParam !== null) params.set('before', String(pageParam));
      return api.get<Items<AuditEntry>>(`/audit?${params.toString()}`);
    },
    getNextPageParam: (last) =>
      last.items.length < PAGE ? undefined : (last.items.at(-1)?.seq ?? undefined),
  });
}

export function useVerifyAudit() {
  return useMutation({ mutationFn: () => api.post<AuditVerification>('/audit/verify') });
}
