import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { MapGeometry } from '../map';
import type { ExercisePlan } from './planningTypes';

const id = encodeURIComponent;
import { NOTICE_LANGUAGES } from './contract';
export { NOTICE_LANGUAGES };

export const noticesKey = ['notices'] as const;
export type NoticeLanguage = (typeof NOTICE_LANGUAGES)[number];
export type LanguageStatus = 'missing' | 'incomplete' | 'complete';
export type NoticeStatus = 'draft' | 'review' | 'published' | 'cancelled' | 'expired';
export type NoticeActionName = 'edit' | 'submit' | 'return' | 'publish' | 'cancel';

export interface NoticeText {
  title: string;
  summary: string;
  seeAndHear: string;
  doList: string[];
  dontList: string[];
  contacts: string;
}

export interface NoticeArea {
  id: string;
  kind: 'area' | 'closure';
  name: string;
  road: string | null;
  geometry: MapGeometry;
  startsAt: string | null;
  endsAt: string | null;
  zoneId: string | null;
}

export interface ActionState {
  allowed: boolean;
  code?: string;
  reason?: string;
}

export interface NoticeSummary {
  id: string;
  slug: string;
  exerciseId: string | null;
  status: NoticeStatus;
  city: string | null;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  title: string | null;
  revision: number;
  version: number;
  languages: Record<NoticeLanguage, LanguageStatus>;
  areas: number;
  closures: number;
  updatedAt: string;
}

export interface Notice extends Omit<NoticeSummary, 'title' | 'areas' | 'closures'> {
  texts: Partial<Record<NoticeLanguage, NoticeText>>;
  areas: NoticeArea[];
  problems: { path: string; rule: string; message: string }[];
  actions: Record<NoticeActionName, ActionState>;
  createdBy: string | null;
  submittedBy: string | null;
  submittedAt: string | null;
  createdAt: string;
  revisions: {
    revision: number;
    kind: 'Alert' | 'Update' | 'Cancel';
    note: string | null;
    publishedAt: string;
    publishedBy: string | null;
    draftedBy: string | null;
    capIdentifier: string;
  }[];
  publicUrls: Partial<Record<NoticeLanguage, string>>;
}

export interface NoticeHistoryEntry {
  seq: number;
  at: string;
  actorName: string | null;
  action: string;
  detail: Record<string, unknown>;
}

export interface NoticePatch {
  city?: string | null;
  timeZone?: string;
  startsAt?: string;
  endsAt?: string;
  texts?: Partial<Record<NoticeLanguage, NoticeText | null>>;
  areas?: (Omit<NoticeArea, 'id'> & { id?: string })[];
}

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

export function useNoticeHistory(noticeId: string) {
  return useQuery({
    queryKey: [...noticesKey, noticeId, 'history'],
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
