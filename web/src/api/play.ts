import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  InjectProgressSchema,
  PlayerInjectSchema,
  PlayerReportSchema,
  PlayerViewSchema,
  ReportBody,
} from '../../../src/http/api/play/schema';
import { api } from './client';
import { conductKey } from './conduct';
import type { Items } from './types';

export type PlayerView = Static<typeof PlayerViewSchema>;
export type PlayerInject = Static<typeof PlayerInjectSchema>;
export type PlayerReport = Static<typeof PlayerReportSchema>;
export type NewReport = Static<typeof ReportBody>;
export type InjectProgress = Static<typeof InjectProgressSchema>;

/**
 * Under the exercise's key: whatever refreshes the exercise (a clock command, NO PLAY) refreshes
 * the player view too; `inbox.changed` on the live stream refreshes it when an inject arrives.
 */
export const playKey = (exerciseId: string) => ['exercises', exerciseId, 'play'] as const;

export const usePlayerView = (exerciseId: string) =>
  useQuery({
    queryKey: playKey(exerciseId),
    queryFn: () => api.get<PlayerView>(`/exercises/${exerciseId}/play`),
  });

export const photoUrl = (exerciseId: string, reportId: string) =>
  `/api/v1/exercises/${exerciseId}/play/reports/${reportId}/photo`;

function usePlayMutation<T>(exerciseId: string, fn: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: playKey(exerciseId) }),
  });
}

export const useAcknowledge = (exerciseId: string) =>
  usePlayMutation(exerciseId, (injectId: string) =>
    api.post<PlayerInject>(`/exercises/${exerciseId}/play/injects/${injectId}/acknowledge`),
  );

/** The player says the latest communication check arrived. */
export const useConfirmCommCheck = (exerciseId: string) =>
  usePlayMutation(exerciseId, () => api.post(`/exercises/${exerciseId}/play/comm-check/confirm`));

export const useReport = (exerciseId: string) =>
  usePlayMutation(exerciseId, ({ injectId, ...body }: NewReport & { injectId: string }) =>
    api.post<PlayerReport>(`/exercises/${exerciseId}/play/injects/${injectId}/reports`, body),
  );

/** Controllers' side: `inject.progress` on the live stream refreshes it with the rest of conduct. */
export const useInjectProgress = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'progress'],
    queryFn: () => api.get<Items<InjectProgress>>(`/exercises/${exerciseId}/injects/progress`),
  });
