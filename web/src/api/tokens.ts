import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from './client';
import type { system } from './contract';
import type { ApiToken, Items } from './types';

const tokensKey = ['tokens'] as const;

export function useTokens() {
  return useQuery({ queryKey: tokensKey, queryFn: () => api.get<Items<ApiToken>>('/tokens') });
}

const live = (t: ApiToken, now: number) =>
  t.revokedAt === null && (t.expiresAt === null || Date.parse(t.expiresAt) > now);

/**
 * How many API tokens of a user still work: what a password reset would revoke. Kept under the
 * users key, so any change to users asks again.
 */
export function useUserLiveTokenCount(userId: string) {
  return useQuery({
    queryKey: ['users', userId, 'tokens'],
    queryFn: async () =>
      (await api.get<Items<ApiToken>>(`/users/${encodeURIComponent(userId)}/tokens`)).items.filter((t) =>
        live(t, Date.now()),
      ).length,
    staleTime: 0,
  });
}

/** What creating a token sends: the server's body schema. */
export type NewToken = Static<typeof system.CreateTokenBody>;

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
