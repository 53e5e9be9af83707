import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  ExternalAlertSchema,
  FeedSchema,
  NewFeedBody,
  PollSchema,
} from '../../../src/http/api/feeds/schema';
import { api } from './client';
import type { Items } from './types';

export type CapFeed = Static<typeof FeedSchema>;
export type ExternalAlert = Static<typeof ExternalAlertSchema>;
export type NewFeed = Static<typeof NewFeedBody>;
export type FeedPoll = Omit<Static<typeof PollSchema>, 'feed'> & { feed: CapFeed };

const feedsKey = ['feeds'] as const;

export const useFeeds = () =>
  useQuery({ queryKey: feedsKey, queryFn: () => api.get<Items<CapFeed>>('/feeds') });

export const useFeedAlerts = (feedId: string | null) =>
  useQuery({
    queryKey: [...feedsKey, feedId, 'alerts'],
    queryFn: () => api.get<Items<ExternalAlert>>(`/feeds/${feedId}/alerts`),
    enabled: feedId !== null,
  });

export function useAddFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewFeed) => api.post<CapFeed>('/feeds', body),
    onSuccess: () => client.invalidateQueries({ queryKey: feedsKey }),
  });
}

export function usePollFeed() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (feedId: string) => api.post<FeedPoll>(`/feeds/${feedId}/poll`),
    onSuccess: () => client.invalidateQueries({ queryKey: feedsKey }),
  });
}
