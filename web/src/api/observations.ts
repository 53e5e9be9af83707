import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  ObservationBody,
  ObservationFormSchema,
  ObservationSchema,
} from '../../../src/http/api/observations/schema';
import { api } from './client';
import type { Items } from './types';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type Observation = Static<typeof ObservationSchema>;
export type ObservationDraft = Static<typeof ObservationBody>;
export type ObservationForm = Static<typeof ObservationFormSchema>;

/** `observation.recorded` on the live stream refreshes everything under this key. */
export const observationsKey = (exerciseId: string) => ['observations', exerciseId] as const;

export const useObservations = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...observationsKey(exerciseId), 'list'],
    queryFn: () => api.get<Items<Observation>>(`/exercises/${exerciseId}/observations`),
    enabled,
  });

export const useObservationForm = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...observationsKey(exerciseId), 'form'],
    queryFn: () => api.get<ObservationForm>(`/exercises/${exerciseId}/observations/form`),
    enabled,
    // The form must stay usable in a basement: what was read once is kept, never dropped for being old.
    staleTime: Infinity,
    gcTime: Infinity,
  });

export const sendObservation = (exerciseId: string, id: string, body: ObservationDraft) =>
  api.put<Observation>(`/exercises/${exerciseId}/observations/${id}`, body);
