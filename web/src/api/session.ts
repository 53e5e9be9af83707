import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
      // Sign-in returns the user but not the permissions; the session carries both.
      client.clear();
      await client.fetchQuery({ queryKey: sessionKey, queryFn: fetchSession });
    },
  });
}

function useSignOutWith(path: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>(path),
    onSettled: () => {
      setCsrfToken(null);
      // Nothing fetched for the previous user may linger for the next one.
      client.clear();
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
