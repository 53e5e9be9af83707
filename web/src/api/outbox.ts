import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ChannelState, DeadLetter, FanOut, SubscriberStats } from './contract';
import type { Items } from './types';

export type { ChannelState, DeadLetter, FanOut, SubscriberStats } from './contract';

/** Counts change while the dispatcher works; `outbox.changed` on the live stream refreshes these. */
const outboxKey = ['outbox'] as const;

export const useOutbox = () =>
  useQuery({
    queryKey: [...outboxKey, 'status'],
    queryFn: () => api.get<{ channels: ChannelState[] }>('/outbox'),
  });

export const useDeadLetters = () =>
  useQuery({
    queryKey: [...outboxKey, 'dead'],
    queryFn: () => api.get<Items<DeadLetter>>('/outbox/dead'),
  });

export const useSubscriberStats = () =>
  useQuery({
    queryKey: [...outboxKey, 'subscribers'],
    queryFn: () => api.get<SubscriberStats>('/subscribers/stats'),
  });

export const useFanOuts = () =>
  useQuery({
    queryKey: [...outboxKey, 'fanouts'],
    queryFn: () => api.get<Items<FanOut>>('/outbox/fanouts'),
  });

export function useRetryAllDead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ retried: number }>('/outbox/dead/retry', {}),
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKey }),
  });
}

export function useRetryDelivery() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/outbox/deliveries/${encodeURIComponent(id)}/retry`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKey }),
  });
}

export function useRetryFanOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<void>(`/outbox/fanouts/${encodeURIComponent(id)}/retry`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: outboxKey }),
  });
}
