import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import { exercisesKey } from './exercises';
import type { Msel, MselEvent, MselEventInput } from './planningTypes';

const id = encodeURIComponent;
export const mselKey = (exerciseId: string) => ['exercises', exerciseId, 'msel'] as const;

/** Only asked for by readers with msel:read; a player's console never opens it (the API refuses it too). */
export function useMsel(exerciseId: string, enabled = true) {
  return useQuery({
    queryKey: mselKey(exerciseId),
    queryFn: () => api.get<Msel>(`/exercises/${id(exerciseId)}/msel`),
    enabled,
  });
}

/** After any MSEL write: the list, its findings and the exercise's approval state all may change. */
function useRefresh(exerciseId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['exercises', exerciseId] });
}

export function useAddEvent(exerciseId: string) {
  const refresh = useRefresh(exerciseId);
  return useMutation({
    mutationFn: (input: MselEventInput) =>
      api.post<MselEvent>(`/exercises/${id(exerciseId)}/msel/events`, input),
    onSuccess: refresh,
  });
}

/** The editable fields of an event, taken from what the grid shows. */
export function inputOf(e: MselEvent): MselEventInput {
  return {
    number: e.number,
    kind: e.kind,
    offsetMinutes: e.offsetMinutes,
    scenarioTime: e.scenarioTime,
    from: e.from,
    toTeamIds: e.toTeamIds,
    toText: e.toText,
    method: e.method,
    title: e.title,
    content: e.content,
    expectedAction: e.expectedAction,
    objectiveIds: e.objectiveIds,
    criticalTaskIds: e.criticalTaskIds,
    responsibleControllerId: e.responsibleControllerId,
    contingency: e.contingency,
    controllerNotes: e.controllerNotes,
  };
}

/**
 * Edits one event in place. The grid shows the change at once; the version the editor read goes
 * with it, so a change someone else made meanwhile is refused (409) instead of overwritten, and the
 * grid rolls back to the server's copy.
 */
export function useUpdateEvent(exerciseId: string) {
  const client = useQueryClient();
  const key = mselKey(exerciseId);
  return useMutation({
    mutationFn: ({ event, patch }: { event: MselEvent; patch: Partial<MselEventInput> }) =>
      api.put<MselEvent>(`/exercises/${id(exerciseId)}/msel/events/${id(event.id)}`, {
        ...inputOf(event),
        ...patch,
        version: event.version,
      }),
    onMutate: async ({ event, patch }) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Msel>(key);
      if (before) {
        client.setQueryData<Msel>(key, {
          ...before,
          events: before.events.map((e) => (e.id === event.id ? { ...e, ...patch } : e)),
        });
      }
      return { before };
    },
    onError: (_error, _input, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: ['exercises', exerciseId] }),
  });
}

/** Puts the whole list in a new order; the grid shows it at once and the server confirms. */
export function useReorder(exerciseId: string) {
  const client = useQueryClient();
  const key = mselKey(exerciseId);
  return useMutation({
    mutationFn: (ids: string[]) => api.post<void>(`/exercises/${id(exerciseId)}/msel/reorder`, { ids }),
    onMutate: async (ids) => {
      await client.cancelQueries({ queryKey: key });
      const before = client.getQueryData<Msel>(key);
      if (before) {
        const byId = new Map(before.events.map((e) => [e.id, e]));
        const events = ids.flatMap((i) => byId.get(i) ?? []);
        client.setQueryData<Msel>(key, { ...before, events });
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) client.setQueryData(key, context.before);
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteEvent(exerciseId: string) {
  const refresh = useRefresh(exerciseId);
  return useMutation({
    mutationFn: (eventId: string) => api.delete(`/exercises/${id(exerciseId)}/msel/events/${id(eventId)}`),
    onSuccess: refresh,
  });
}

/** Without ids: every draft (submit) or the whole list (approve). */
export function useSubmitEvents(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      api.post<{ submitted: number }>(`/exercises/${id(exerciseId)}/msel/submit`, ids ? { ids } : {}),
    onSettled: () => client.invalidateQueries({ queryKey: exercisesKey }),
  });
}

export function useApproveEvents(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids?: string[]) =>
      api.post<{ approved: number; mselApproved: boolean }>(
        `/exercises/${id(exerciseId)}/msel/approve`,
        ids ? { ids } : {},
      ),
    onSettled: () => client.invalidateQueries({ queryKey: exercisesKey }),
  });
}
