import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { NewContactBody, PhoneBookContactSchema } from '../../../src/http/api/phone-book/schema';
import { api } from './client';
import type { Items } from './types';

export type PhoneBookContact = Static<typeof PhoneBookContactSchema>;
export type NewContact = Static<typeof NewContactBody>;

const phoneBookKey = (exerciseId: string) => ['exercises', exerciseId, 'phone-book'] as const;

export const usePhoneBook = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: phoneBookKey(exerciseId),
    queryFn: () => api.get<Items<PhoneBookContact>>(`/exercises/${exerciseId}/phone-book`),
    enabled,
  });

function usePhoneBookMutation<T>(exerciseId: string, fn: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: phoneBookKey(exerciseId) }),
  });
}

export const useAddContact = (exerciseId: string) =>
  usePhoneBookMutation(exerciseId, ({ personId, ...body }: NewContact & { personId: string }) =>
    api.post<PhoneBookContact>(`/exercises/${exerciseId}/people/${personId}/contacts`, body),
  );

export const useRemoveContact = (exerciseId: string) =>
  usePhoneBookMutation(exerciseId, (contactId: string) =>
    api.delete(`/exercises/${exerciseId}/phone-book/${contactId}`),
  );
