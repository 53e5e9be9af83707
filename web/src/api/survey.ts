import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  AnswerBody,
  SurveyBody,
  SurveyFormSchema,
  SurveyQuestionSchema,
  SurveySchema,
  SurveySummarySchema,
} from '../../../src/http/api/survey/schema';
import { api } from './client';

export type Survey = Static<typeof SurveySchema>;
export type SurveyQuestion = Static<typeof SurveyQuestionSchema>;
export type SurveyForm = Static<typeof SurveyFormSchema>;
export type SurveySummary = Static<typeof SurveySummarySchema>;
export type SurveyAnswer = Static<typeof AnswerBody>;
export type SurveyEdit = Static<typeof SurveyBody>;

/** Under the exercise's key: a clock command (ENDEX opens the survey) refreshes it too. */
export const surveyKey = (exerciseId: string) => ['exercises', exerciseId, 'survey'] as const;

export const useSurvey = (exerciseId: string, enabled = true) =>
  useQuery({
    queryKey: [...surveyKey(exerciseId), 'questions'],
    queryFn: () => api.get<Survey>(`/exercises/${exerciseId}/survey`),
    enabled,
  });

export const useSurveyForm = (exerciseId: string) =>
  useQuery({
    queryKey: [...surveyKey(exerciseId), 'mine'],
    queryFn: () => api.get<SurveyForm>(`/exercises/${exerciseId}/survey/mine`),
    retry: false,
  });

export const useSurveySummary = (exerciseId: string, enabled = true) =>
  useQuery({
    queryKey: [...surveyKey(exerciseId), 'summary'],
    queryFn: () => api.get<SurveySummary>(`/exercises/${exerciseId}/survey/summary`),
    enabled,
  });

export function useAnswerSurvey(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyAnswer) =>
      api.post<SurveyForm>(`/exercises/${exerciseId}/survey/responses`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKey(exerciseId) }),
  });
}

export function useSaveSurvey(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SurveyEdit) => api.put<Survey>(`/exercises/${exerciseId}/survey`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: surveyKey(exerciseId) }),
  });
}
