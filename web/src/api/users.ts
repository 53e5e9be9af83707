import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import { api } from './client';
import type { users } from './contract';
import type { Grant, Items, Role, User } from './types';

const usersKey = ['users'] as const;

export function useUsers(enabled = true) {
  return useQuery({ queryKey: usersKey, queryFn: () => api.get<Items<User>>('/users'), enabled });
}

/** What creating a user sends: the server's body schema. */
export type NewUser = Static<typeof users.CreateUserBody>;

/** Every user mutation refreshes the list, so the table always shows what the server holds. */
function useUserMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: usersKey }),
  });
}

export const useCreateUser = () => useUserMutation((input: NewUser) => api.post<User>('/users', input));

export const useUpdateUser = () =>
  useUserMutation(
    ({ id, ...patch }: { id: string; displayName?: string; email?: string | null; disabled?: boolean }) =>
      api.patch<User>(`/users/${encodeURIComponent(id)}`, patch),
  );

export const useResetPassword = () =>
  useUserMutation(({ id, password }: { id: string; password: string }) =>
    api.post<void>(`/users/${encodeURIComponent(id)}/password`, { password }),
  );

export const useAddGrant = () =>
  useUserMutation(({ userId, ...grant }: { userId: string; role: Role; organisationId?: string }) =>
    api.post<Grant>(`/users/${encodeURIComponent(userId)}/grants`, grant),
  );

export const useRevokeGrant = () =>
  useUserMutation(({ userId, grantId }: { userId: string; grantId: string }) =>
    api.delete(`/users/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}`),
  );
