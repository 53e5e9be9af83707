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

/**
 * Whether the signed-in person holds `permission` through a grant not scoped to one organisation:
 * what all organisations share (core capabilities, the inject catalogue, the list of organisations)
 * is changed with such a grant only, so the console offers those edits to no one else.
 */
export function useCanEverywhere(permission: string): boolean {
  const { data } = useSessionQuery();
  return data?.everywhere?.includes(permission) ?? false;
}
