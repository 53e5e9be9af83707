import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { Items } from './types';

export interface ChannelState {
  name: string;
  configured: boolean;
  up: boolean | null;
  problem: string | null;
  counts: { pending: number; sending: number; sent: number; dead: number };
}

export interface DeadLetter {
  id: string;
  sourceKind: string;
  sourceId: string;
  sequence: number;
  label: string;
  mode: string;
  channel: string;
  address: string | null;
  language: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  failedAt: string;
}

type Counts = { pending: number; sending: number; sent: number; dead: number };

export interface FanOut {
  id: string;
  sourceKind: string;
  sourceId: string;
  sequence: number;
  label: string;
  mode: 'actual' | 'exercise' | 'test' | 'rehearsal';
  status: 'pending' | 'expanding' | 'done' | 'failed';
  matched: number;
  written: number;
  channels: Record<string, Counts>;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface SubscriberStats {
  pending: number;
  active: number;
  unsubscribed: number;
  placesByKind: Record<string, number>;
}

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
