import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from './client';
import type { ExercisePlan } from './planningTypes';

const id = encodeURIComponent;
import { NOTICE_LANGUAGES, type NOTICE_STATUSES } from './contract';
import type {
  Notice,
  NoticeArea,
  NoticeHistoryEntry,
  NoticePatch,
  NoticeSummary,
  NoticeText,
} from './contract';
export { NOTICE_LANGUAGES };

export const noticesKey = ['notices'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export type LanguageStatus = NoticeSummary['languages'][NoticeLanguage];
export type NoticeActionName = keyof Notice['actions'];
export type ActionState = Notice['actions'][NoticeActionName];
export type { Notice, NoticeArea, NoticeHistoryEntry, NoticePatch, NoticeSummary, NoticeText };

/** Where a revision's CAP message is served (signed-in readers). */
export const capUrl = (noticeId: string, revision: number) =>
  `/api/v1/notices/${id(noticeId)}/cap?revision=${revision}`;

export function useNotices(status?: NoticeStatus) {
  const q = status ? `?status=${status}` : '';
  return useQuery({
    queryKey: [...noticesKey, 'list', q],
    queryFn: () => api.get<{ items: NoticeSummary[] }>(`/notices${q}`),
  });
}

export function useNotice(noticeId: string) {
  return useQuery({
    queryKey: [...noticesKey, noticeId],
    queryFn: () => api.get<Notice>(`/notices/${id(noticeId)}`),
  });
}

/** Keyed by the language too: steps the console has no words for come worded by the server. */
export function useNoticeHistory(noticeId: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: [...noticesKey, noticeId, 'history', i18n.language],
    queryFn: () => api.get<{ items: NoticeHistoryEntry[] }>(`/notices/${id(noticeId)}/history`),
  });
}

function useRefresh() {
  const client = useQueryClient();
  return (n: Notice) => {
    client.setQueryData([...noticesKey, n.id], n);
    return client.invalidateQueries({ queryKey: noticesKey });
  };
}

export function useCreateNotice() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { exerciseId?: string | null; zoneIds?: string[] } & NoticePatch) =>
      api.post<Notice>('/notices', input),
    onSuccess: refresh,
  });
}

export function useUpdateNotice(noticeId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { version: number } & NoticePatch) =>
      api.patch<Notice>(`/notices/${id(noticeId)}`, input),
    onSuccess: refresh,
  });
}

/** A workflow step: submit, return, publish, correct or cancel. */
export function useNoticeStep(noticeId: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      step,
      ...body
    }: {
      step: 'submit' | 'return' | 'publish' | 'correct' | 'cancel';
      version: number;
      note?: string | null;
      reason?: string;
    }) => api.post<Notice>(`/notices/${id(noticeId)}/${step}`, body),
    onSuccess: refresh,
  });
}

/** The zones of the exercise a notice was made from, to pick areas and closures from. */
export function useExerciseZones(exerciseId: string | null) {
  return useQuery({
    queryKey: ['exercises', exerciseId, 'plan'],
    queryFn: () => api.get<ExercisePlan>(`/exercises/${id(exerciseId ?? '')}/plan`),
    enabled: exerciseId !== null,
  });
}
