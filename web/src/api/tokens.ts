import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import type { ApiToken, Items } from './types';

const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api.get<Items<ApiToken>>('/tokens') });
}

export interface NewToken {
  name: string;
  scopes: string[];
  expiresInDays: number;
}

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: NewToken) => api.post<ApiToken & { token: string }>('/tokens', input),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/tokens/${encodeURIComponent(id)}`),
    onSuccess: () => client.invalidateQueries({ queryKey: tokensKey }),
  });
}
