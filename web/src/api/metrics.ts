import { useQuery } from '@tanstack/react-query';
import type { ExerciseMetricsJson } from '../../../src/http/api/metrics/schema';
import { api } from './client';

/** The shape comes from the API's own schema, so the console cannot drift from the server. */
export type ExerciseMetrics = ExerciseMetricsJson;

export const useExerciseMetrics = (exerciseId: string) =>
  useQuery({
    queryKey: ['metrics', exerciseId],
    queryFn: () => api.get<ExerciseMetrics>(`/exercises/${exerciseId}/metrics`),
  });
