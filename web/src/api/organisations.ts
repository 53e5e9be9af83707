import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items, Organisation, OrganisationKind, Unit } from './types';

const organisationsKey = ['organisations'] as const;

export function useOrganisations(enabled = true) {
  return useQuery({
    queryKey: organisationsKey,
    queryFn: () => api.get<Items<Organisation>>('/organisations'),
    enabled,
  });
}

function useOrganisationMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: organisationsKey }),
  });
}

export const useCreateOrganisation = () =>
  useOrganisationMutation((input: { name: string; shortName?: string; kind: OrganisationKind }) =>
    api.post<Organisation>('/organisations', input),
  );

export const useAddUnit = () =>
  useOrganisationMutation(({ organisationId, name }: { organisationId: string; name: string }) =>
    api.post<Unit>(`/organisations/${encodeURIComponent(organisationId)}/units`, { name }),
  );
