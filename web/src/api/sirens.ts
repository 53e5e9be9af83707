import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Siren, SirenBody, SirenReport, SirenWithKey } from './contract';
import type { Items } from './types';

const sirensKey = ['sirens'] as const;
const id = encodeURIComponent;

export function useSirens() {
  return useQuery({ queryKey: sirensKey, queryFn: () => api.get<Items<Siren>>('/sirens') });
}

/** An alert's siren commands; followed every few seconds while acknowledgements may still come. */
export function useAlertSirens(alertId: string) {
  return useQuery({
    queryKey: ['alerts', alertId, 'sirens'],
    queryFn: () => api.get<SirenReport>(`/alerts/${id(alertId)}/sirens`),
    refetchInterval: (q) => (q.state.data && q.state.data.waiting > 0 ? 5000 : false),
  });
}

function useSirenMutation<I>(fn: (input: I) => Promise<SirenWithKey>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: sirensKey }),
  });
}

export const useCreateSiren = () =>
  useSirenMutation((body: SirenBody) => api.post<SirenWithKey>('/sirens', body));

export const useUpdateSiren = () =>
  useSirenMutation(({ siren, body, rotateKey }: { siren: Siren; body: SirenBody; rotateKey: boolean }) =>
    api.patch<SirenWithKey>(`/sirens/${id(siren.id)}`, { ...body, version: siren.version, rotateKey }),
  );
