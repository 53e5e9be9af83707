import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken } from './client';
import type { Locale, Session, User } from './types';

export const sessionKey = ['session'] as const;

/** The signed-in session, or null when nobody is signed in (the API answers 401). */
async function fetchSession(): Promise<Session | null> {
  try {
    const session = await api.get<Session>('/auth/session');
    setCsrfToken(session.csrfToken ?? null);
    return session;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw err;
  }
}

/**
 * Nothing fetched for one user may be shown to the next. The session query itself stays: the
 * routes observe it, and replacing its data is what moves them between sign-in and the console.
 */
function forgetAllButSession(client: QueryClient): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
}

export function useSessionQuery() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000, retry: false });
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { username: string; password: string }) =>
      api.post<{ user: User; csrfToken: string }>('/auth/login', input),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      forgetAllButSession(client);
      // Sign-in returns the user but not the permissions; the session carries both.
      client.setQueryData(sessionKey, await fetchSession());
    },
  });
}

function useSignOutWith(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(path),
    onSettled: () => {
      setCsrfToken(null);
      forgetAllButSession(client);
      client.setQueryData(sessionKey, null);
    },
  });
}

/** Asked afresh each time: the number the "sign out everywhere" confirmation names. */
export function useOwnLiveTokenCount(enabled: boolean) {
  return useQuery({
    queryKey: ['signOutEverywhere', 'activeTokens'],
    queryFn: async () => (await api.get<Session>('/auth/session')).activeTokens,
    enabled,
    staleTime: 0,
    gcTime: 0,
  });
}

/** Your own new password; the server then ends every session of yours, so the console signs out. */
export function useChangeOwnPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<{ tokensRevoked: number }>('/auth/password', input),
    onSuccess: () => {
      setCsrfToken(null);
      forgetAllButSession(client);
      client.setQueryData(sessionKey, null);
    },
  });
}

export const useLogout = () => useSignOutWith('/auth/logout');
export const useLogoutEverywhere = () => useSignOutWith('/auth/logout-everywhere');

export function useSaveOwnLocale() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (locale: Locale) => api.patch<void>('/auth/session', { locale }),
    onSuccess: (_void, locale) => {
      client.setQueryData<Session | null>(sessionKey, (s) => (s ? { ...s, user: { ...s.user, locale } } : s));
    },
  });
}
