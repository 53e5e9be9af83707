import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { COMMENT_STATUSES, CommentCounts, ModeratedComment } from './contract';
import type { Items } from './types';

export type CommentStatus = (typeof COMMENT_STATUSES)[number];
export type { CommentCounts, ModeratedComment };

/** New comments arrive from the public at any time; `comment.*` on the live stream refreshes these. */
const key = ['comments'] as const;

export function useComments(status: CommentStatus) {
  return useQuery({
    queryKey: [...key, 'list', status],
    queryFn: () => api.get<Items<ModeratedComment>>(`/comments?status=${status}`),
  });
}

export function useCommentCounts() {
  return useQuery({
    queryKey: [...key, 'counts'],
    queryFn: () => api.get<CommentCounts>('/comments/counts'),
  });
}

function useModeration<V>(fn: (v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export const useApproveComment = () =>
  useModeration((id: string) => api.post<ModeratedComment>(`/comments/${encodeURIComponent(id)}/approve`));

export const useRejectComment = () =>
  useModeration((v: { id: string; reason: string }) =>
    api.post<ModeratedComment>(`/comments/${encodeURIComponent(v.id)}/reject`, { reason: v.reason }),
  );

export const useBlockAddress = () =>
  useModeration((v: { commentId: string; reason: string }) => api.post('/blocked-addresses', v));
