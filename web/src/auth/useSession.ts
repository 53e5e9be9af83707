import { useSessionQuery } from '../api/session';
import type { Session } from '../api/types';

/** The signed-in session; only for components rendered inside the signed-in part of the console. */
export function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useSession used outside a signed-in view');
  return data;
}

export function useCan(permission: string): boolean {
  const { data } = useSessionQuery();
  return data?.permissions.includes(permission) ?? false;
}
