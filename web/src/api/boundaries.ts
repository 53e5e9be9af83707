import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  BoundarySchema,
  BoundarySetSchema,
  BoundarySummarySchema,
  ImportedSetSchema,
  Level,
} from '../../../src/http/api/boundaries/schema';
import { api } from './client';
import type { Items } from './types';

export type BoundaryLevel = Static<typeof Level>;
export type BoundarySummary = Static<typeof BoundarySummarySchema>;
/** A boundary with its outline (GeoJSON Polygon or MultiPolygon, [lon, lat]). */
export type Boundary = Static<typeof BoundarySchema>;
export type BoundarySet = Static<typeof BoundarySetSchema>;
export type ImportedBoundarySet = Static<typeof ImportedSetSchema>;

const boundariesKey = ['boundaries'] as const;
const setsKey = ['boundary-sets'] as const;

/** Regions, districts and cities of every set (no outlines), of one level or matching `q` when given. */
export function useBoundaries(params?: { level?: BoundaryLevel; q?: string }) {
  const search = new URLSearchParams();
  if (params?.level) search.set('level', params.level);
  if (params?.q?.trim()) search.set('q', params.q.trim());
  const query = search.toString();
  return useQuery({
    queryKey: [...boundariesKey, params?.level ?? null, params?.q?.trim() ?? ''],
    queryFn: () => api.get<Items<BoundarySummary>>(`/boundaries${query ? `?${query}` : ''}`),
  });
}

/** One boundary with its outline; nothing is asked while `id` is null. */
export const useBoundary = (id: string | null) =>
  useQuery({
    queryKey: [...boundariesKey, 'one', id],
    queryFn: () => api.get<Boundary>(`/boundaries/${id}`),
    enabled: id !== null,
  });

export const useBoundarySets = () =>
  useQuery({ queryKey: setsKey, queryFn: () => api.get<Items<BoundarySet>>('/boundary-sets') });

function useRefresh() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: setsKey }),
      client.invalidateQueries({ queryKey: boundariesKey }),
    ]);
}

/** Imports a set from a parsed GeoJSON FeatureCollection, replacing the set of that name whole. */
export function useImportBoundarySet() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ name, approximate, geojson }: { name: string; approximate: boolean; geojson: unknown }) =>
      api.put<ImportedBoundarySet>(`/boundary-sets/${encodeURIComponent(name)}`, { approximate, geojson }),
    onSuccess: refresh,
  });
}

/** Removes a set (by name) and every boundary in it. */
export function useRemoveBoundarySet() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (name: string) => api.delete(`/boundary-sets/${encodeURIComponent(name)}`),
    onSuccess: refresh,
  });
}
