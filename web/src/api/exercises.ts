import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useCapabilityWords } from '../i18n/capabilities';
import { api } from './client';
import type {
  CoreCapability,
  Exercise,
  ObjectiveChange,
  ExerciseFields,
  ExercisePlan,
  ExerciseStatus,
  Programme,
} from './planningTypes';
import type { Items } from './types';

const id = encodeURIComponent;
export const exercisesKey = ['exercises'] as const;
export const planKey = (exerciseId: string) => ['exercises', exerciseId, 'plan'] as const;

export interface ExerciseFilter {
  programmeId?: string;
  status?: ExerciseStatus;
}

export function useProgrammes() {
  return useQuery({
    queryKey: ['programmes'],
    queryFn: () => api.get<Items<Programme>>('/programmes'),
  });
}

export function useCreateProgramme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; description?: string | null }) =>
      api.post<Programme>('/programmes', input),
    onSuccess: () => client.invalidateQueries({ queryKey: ['programmes'] }),
  });
}

export function useExercises(filter: ExerciseFilter) {
  const params = new URLSearchParams();
  if (filter.programmeId) params.set('programmeId', filter.programmeId);
  if (filter.status) params.set('status', filter.status);
  const query = params.toString();
  return useQuery({
    queryKey: [...exercisesKey, 'list', query],
    queryFn: () => api.get<Items<Exercise>>(`/exercises${query ? `?${query}` : ''}`),
  });
}

export function useExercise(exerciseId: string) {
  return useQuery({
    queryKey: ['exercises', exerciseId],
    queryFn: () => api.get<Exercise>(`/exercises/${id(exerciseId)}`),
  });
}

export function useCreateExercise() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ExerciseFields) => api.post<Exercise>('/exercises', input),
    onSuccess: () => client.invalidateQueries({ queryKey: exercisesKey }),
  });
}

/** Every change to an exercise refreshes the exercise, its plan and the lists it appears in. */
function useExerciseMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => client.invalidateQueries({ queryKey: exercisesKey }),
  });
}

export const useUpdateExercise = (exerciseId: string) =>
  useExerciseMutation((input: ExerciseFields & { version: number }) =>
    api.patch<Exercise>(`/exercises/${id(exerciseId)}`, input),
  );

export const useTransitionExercise = (exerciseId: string) =>
  useExerciseMutation((to: ExerciseStatus) =>
    api.post<Exercise>(`/exercises/${id(exerciseId)}/status`, { to }),
  );

export function usePlan(exerciseId: string) {
  return useQuery({
    queryKey: planKey(exerciseId),
    queryFn: () => api.get<ExercisePlan>(`/exercises/${id(exerciseId)}/plan`),
  });
}

/** Lists of the plan that are added to with POST and removed from with DELETE …/{list}/{itemId}. */
export type PlanList = 'objectives' | 'venues' | 'zones' | 'teams' | 'people' | 'modules';

export const useAddToPlan = <I>(exerciseId: string, list: PlanList) =>
  useExerciseMutation((input: I) => api.post<{ id: string }>(`/exercises/${id(exerciseId)}/${list}`, input));

export const useRemoveFromPlan = (exerciseId: string, list: PlanList) =>
  useExerciseMutation((itemId: string) => api.delete(`/exercises/${id(exerciseId)}/${list}/${id(itemId)}`));

/** Lists of the plan whose items are changed whole with PUT …/{list}/{itemId}. */
export const useReplaceInPlan = <I>(exerciseId: string, list: 'venues' | 'zones' | 'modules') =>
  useExerciseMutation(({ itemId, input }: { itemId: string; input: I }) =>
    api.put<void>(`/exercises/${id(exerciseId)}/${list}/${id(itemId)}`, input),
  );

export const useUpdateObjective = (exerciseId: string) =>
  useExerciseMutation(({ itemId, change }: { itemId: string; change: ObjectiveChange }) =>
    api.patch<void>(`/exercises/${id(exerciseId)}/objectives/${id(itemId)}`, change),
  );

export const useReorderModules = (exerciseId: string) =>
  useExerciseMutation((ids: string[]) =>
    api.post<void>(`/exercises/${id(exerciseId)}/modules/reorder`, { ids }),
  );

export const useSetParticipation = (exerciseId: string) =>
  useExerciseMutation((input: { organisationId: string; extentOfPlay: string; notes?: string | null }) =>
    api.put<void>(`/exercises/${id(exerciseId)}/organisations`, input),
  );

/** The catalogue in the reader's language, alphabetical in it within each mission area. */
export function useCoreCapabilities() {
  const { lang, name, description } = useCapabilityWords();
  const select = useCallback(
    (data: Items<CoreCapability>): Items<CoreCapability> => ({
      ...data,
      items: data.items
        .map((c) => ({ ...c, name: name(c.id, c.name), description: description(c.id, c.description) }))
        .sort((a, b) => a.missionArea.localeCompare(b.missionArea) || a.name.localeCompare(b.name, lang)),
    }),
    [lang, name, description],
  );
  return useQuery({
    queryKey: ['core-capabilities'],
    queryFn: () => api.get<Items<CoreCapability>>('/core-capabilities'),
    select,
    staleTime: 5 * 60_000,
  });
}
