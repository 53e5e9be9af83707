import { useQuery } from '@tanstack/react-query';
import { api } from './client';
import type { Items, RolePermissions } from './types';

export function useRoles() {
  return useQuery({
    queryKey: ['roles'],
    queryFn: () => api.get<Items<RolePermissions>>('/roles'),
    staleTime: 5 * 60_000,
  });
}
