import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';

const id = encodeURIComponent;

/** Documents, calendar feeds, the inject catalogue and exercise bundles: what an exercise hands out. */
export type DocumentKind = 'explan' | 'sitman' | 'handbook';
export type DocumentFormat = 'html' | 'docx';

export const documentUrl = (exerciseId: string, kind: DocumentKind, format: DocumentFormat) =>
  `/api/v1/exercises/${id(exerciseId)}/documents/${kind}.${format}`;

export const bundleUrl = (exerciseId: string) => `/api/v1/exercises/${id(exerciseId)}/bundle`;

export type FeedScope = 'exercise' | 'programme';

export interface FeedToken {
  id: string;
  scope: FeedScope;
  targetId: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CreatedFeedToken extends FeedToken {
  token: string;
  path: string;
}

const feedTokensKey = ['calendar-tokens'] as const;

export function useFeedTokens() {
  return useQuery({
    queryKey: feedTokensKey,
    queryFn: () => api.get<Items<FeedToken>>('/calendar-tokens'),
  });
}

export function useCreateFeedToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { scope: FeedScope; targetId: string }) =>
      api.post<CreatedFeedToken>(`/${input.scope}s/${id(input.targetId)}/calendar-token`),
    onSuccess: () => client.invalidateQueries({ queryKey: feedTokensKey }),
  });
}

export function useRevokeFeedToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tokenId: string) => api.delete(`/calendar-tokens/${id(tokenId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: feedTokensKey }),
  });
}

export interface CatalogueEntry {
  id: string;
  hazard: string;
  coreCapabilityId: string | null;
  kind: string;
  method: string;
  title: string;
  content: string;
  expectedAction: string | null;
  criticalTaskTexts: string[];
  createdAt: string;
}

export interface CatalogueFilter {
  hazard?: string;
  capability?: string;
}

const catalogueKey = ['inject-catalogue'] as const;

export function useCatalogue(filter: CatalogueFilter) {
  const params = new URLSearchParams();
  if (filter.hazard) params.set('hazard', filter.hazard);
  if (filter.capability) params.set('capability', filter.capability);
  const query = params.toString();
  return useQuery({
    queryKey: [...catalogueKey, query],
    queryFn: () => api.get<Items<CatalogueEntry>>(`/inject-catalogue${query ? `?${query}` : ''}`),
  });
}

export function useSaveEventToCatalogue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { fromExercise: string; fromEvent: string; hazard?: string }) =>
      api.post<CatalogueEntry>('/inject-catalogue', input),
    onSuccess: () => client.invalidateQueries({ queryKey: catalogueKey }),
  });
}

export function useDeleteCatalogueEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (entryId: string) => api.delete(`/inject-catalogue/${id(entryId)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: catalogueKey }),
  });
}

export function useCopyFromCatalogue() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { exerciseId: string; entryIds: string[]; offsetMinutes?: number }) =>
      api.post<Items<{ id: string; number: string }>>(
        `/exercises/${id(input.exerciseId)}/msel/from-catalogue`,
        { entryIds: input.entryIds, offsetMinutes: input.offsetMinutes },
      ),
    onSuccess: (_data, input) => client.invalidateQueries({ queryKey: ['exercises', input.exerciseId] }),
  });
}

export function useImportBundle() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (bundle: unknown) => api.post<{ id: string }>('/exercises/import-bundle', bundle),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exercises'] }),
  });
}
