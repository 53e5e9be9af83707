import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  CapabilityFindingsSchema,
  FindingBody,
  FindingChangeBody,
} from '../../../src/http/api/findings/schema';
import type { LessonFiltersSchema, LessonQuery, LessonResults } from '../../../src/http/api/lessons/schema';
import { api, request } from './client';
import type { Items } from './types';

export { EXERCISE_HAZARDS, FINDING_KINDS, LESSON_KINDS } from '../../../src/contract/enums';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type CapabilityFindings = Static<typeof CapabilityFindingsSchema>;
export type FindingDraft = Static<typeof FindingBody>;
export type FindingChange = Static<typeof FindingChangeBody>;
export type LessonSearch = Static<typeof LessonQuery>;
export type Lessons = Static<typeof LessonResults>;
export type Lesson = Lessons['items'][number];
export type LessonFilters = Static<typeof LessonFiltersSchema>;

const findingsKey = (exerciseId: string) => ['findings', exerciseId] as const;

export const useFindings = (exerciseId: string) =>
  useQuery({
    queryKey: findingsKey(exerciseId),
    queryFn: () => api.get<Items<CapabilityFindings>>(`/exercises/${exerciseId}/findings`),
  });

/** Every change answers the whole renumbered list, which replaces what is on screen. */
export function useFindingChanges(exerciseId: string) {
  const client = useQueryClient();
  const base = `/exercises/${exerciseId}/findings`;
  const onSuccess = (data: Items<CapabilityFindings>) => {
    client.setQueryData(findingsKey(exerciseId), data);
    void client.invalidateQueries({ queryKey: ['lessons'] });
  };
  return {
    create: useMutation({
      mutationFn: (body: FindingDraft) => api.post<Items<CapabilityFindings>>(base, body),
      onSuccess,
    }),
    update: useMutation({
      mutationFn: ({ id, ...body }: FindingChange & { id: string }) =>
        api.patch<Items<CapabilityFindings>>(`${base}/${id}`, body),
      onSuccess,
    }),
    remove: useMutation({
      mutationFn: (id: string) => request<Items<CapabilityFindings>>('DELETE', `${base}/${id}`),
      onSuccess,
    }),
  };
}

export function useLessons(search: LessonSearch | null) {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search ?? {}))
    if (v !== undefined && v !== '') params.set(k, String(v));
  return useQuery({
    queryKey: ['lessons', params.toString()],
    queryFn: () => api.get<Lessons>(`/lessons?${params.toString()}`),
    enabled: search !== null,
    placeholderData: keepPreviousData,
  });
}

export const useLessonFilters = () =>
  useQuery({ queryKey: ['lessons', 'filters'], queryFn: () => api.get<LessonFilters>('/lessons/filters') });
