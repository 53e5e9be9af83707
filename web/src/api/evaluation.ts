import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  AssignmentBody,
  GuideSchema,
  RatingBody,
  RatingSchema,
} from '../../../src/http/api/evaluation/schema';
import { api } from './client';
import type { Items } from './types';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type Guide = Static<typeof GuideSchema>;
export type Rating = Static<typeof RatingSchema>;
export type RatingDraft = Static<typeof RatingBody>;
export type AssignmentDraft = Static<typeof AssignmentBody>;

/** `rating.recorded` and `observation.recorded` on the live stream refresh everything under this key. */
export const evaluationKey = (exerciseId: string) => ['evaluation', exerciseId] as const;

export const useGuide = (exerciseId: string) =>
  useQuery({
    queryKey: [...evaluationKey(exerciseId), 'guide'],
    queryFn: () => api.get<Guide>(`/exercises/${exerciseId}/evaluation`),
  });

export const useEvaluators = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...evaluationKey(exerciseId), 'evaluators'],
    queryFn: () => api.get<Items<{ id: string; name: string }>>(`/exercises/${exerciseId}/evaluators`),
    enabled,
  });

export const saveRating = (exerciseId: string, body: RatingDraft) =>
  api.post<Rating>(`/exercises/${exerciseId}/ratings`, body);

export const assignEvaluator = (exerciseId: string, body: AssignmentDraft) =>
  api.post(`/exercises/${exerciseId}/evaluator-assignments`, body);

export const unassignEvaluator = (exerciseId: string, id: string) =>
  api.delete(`/exercises/${exerciseId}/evaluator-assignments/${id}`);

export const printUrl = (exerciseId: string, lang: string) =>
  `/api/v1/exercises/${exerciseId}/evaluation/print?lang=${lang}`;
