import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Static } from '@sinclair/typebox';
import type {
  ClockCommandBody,
  ClockSchema,
  ClockSettingsBody,
  CommCheckSchema,
  ControlPlacesSchema,
  ManualPromptSchema,
  InjectActionBody,
  InjectAddBody,
  InjectEditBody,
  InjectRunSchema,
  NoPlayBody,
  ReplaySchema,
  ResumePreviewSchema,
  TeamStatusSchema,
} from '../../../src/http/api/conduct/schema';
import { api } from './client';
import type { AuditEntry, Items } from './types';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type ExerciseClock = Static<typeof ClockSchema>;
export type InjectRun = Static<typeof InjectRunSchema>;
export type ResumePreview = Static<typeof ResumePreviewSchema>;
export type ClockCommand = Static<typeof ClockCommandBody>;
export type ClockSettings = Static<typeof ClockSettingsBody>;
export type InjectAction = Static<typeof InjectActionBody>;
export type ControlPlaces = Static<typeof ControlPlacesSchema>;
export type TeamStatus = Static<typeof TeamStatusSchema>;
export type CommCheck = Static<typeof CommCheckSchema>;
export type ManualPrompt = Static<typeof ManualPromptSchema>;
/** Its entries are the audit log's (a `$ref` the static type cannot follow). */
export type Replay = Omit<Static<typeof ReplaySchema>, 'entries'> & { entries: AuditEntry[] };

/** `clock.changed` and `inject.changed` on the live stream refresh everything under this key. */
export const conductKey = (exerciseId: string) => ['conduct', exerciseId] as const;

export const useClock = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'clock'],
    queryFn: () => api.get<ExerciseClock>(`/exercises/${exerciseId}/clock`),
  });

export const useInjects = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'injects'],
    queryFn: () => api.get<Items<InjectRun>>(`/exercises/${exerciseId}/injects`),
  });

/** Reports refresh with `inject.progress`, observations with `observation.recorded`. */
export const useControlPlaces = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'places'],
    queryFn: () => api.get<ControlPlaces>(`/exercises/${exerciseId}/control/places`),
  });

/** Acknowledgements and reports arrive as `inject.progress`, which refreshes this key. */
export const useTeamStatus = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'teams'],
    queryFn: () => api.get<Items<TeamStatus>>(`/exercises/${exerciseId}/control/teams`),
  });

/** The latest round of the communication check; its deliveries move it as `comm_check.changed`. */
export const useCommCheck = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'comm-check'],
    queryFn: () => api.get<CommCheck>(`/exercises/${exerciseId}/comm-check`),
  });

export const useStartCommCheck = (exerciseId: string) =>
  useConductMutation(exerciseId, () => api.post<CommCheck>(`/exercises/${exerciseId}/comm-check`, {}));

/** Radio and phone calls to make; `manual.prompted` on the live stream refreshes them. */
export const useManualPrompts = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'prompts'],
    queryFn: () => api.get<Items<ManualPrompt>>(`/exercises/${exerciseId}/control/prompts`),
  });

export const usePromptDelivered = (exerciseId: string) =>
  useConductMutation(exerciseId, (deliveryId: string) =>
    api.post<ManualPrompt>(`/exercises/${exerciseId}/control/prompts/${deliveryId}/delivered`),
  );

const LOG_PAGE = 100;

/**
 * The exercise's log, newest first, a page at a time; every conduct event refreshes it. Keyed by
 * the language: each entry's sentence comes from the server in the console's language.
 */
export function useExerciseLog(exerciseId: string) {
  const { i18n } = useTranslation();
  return useInfiniteQuery({
    queryKey: [...conductKey(exerciseId), 'log', i18n.language],
    initialPageParam: null as number | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(LOG_PAGE) });
      if (pageParam !== null) params.set('before', String(pageParam));
      return api.get<Items<AuditEntry>>(`/exercises/${exerciseId}/control/log?${params.toString()}`);
    },
    getNextPageParam: (last) =>
      last.items.length < LOG_PAGE ? undefined : (last.items.at(-1)?.seq ?? undefined),
  });
}

/** What the replay of an ended exercise is rebuilt from; the past does not change, so read once. */
export function useReplay(exerciseId: string) {
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: ['replay', exerciseId, i18n.language],
    queryFn: () => api.get<Replay>(`/exercises/${exerciseId}/replay`),
    staleTime: Infinity,
  });
}

export const useResumePreview = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'resume-preview'],
    queryFn: () => api.get<ResumePreview>(`/exercises/${exerciseId}/clock/resume-preview`),
    enabled,
  });

function useConductMutation<T>(exerciseId: string, fn: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A clock command also moves the exercise's status, shown beside its name.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: conductKey(exerciseId) }),
        client.invalidateQueries({ queryKey: ['exercises', exerciseId] }),
      ]),
  });
}

export const useClockCommand = (exerciseId: string) =>
  useConductMutation(exerciseId, (body: ClockCommand) =>
    api.post<ExerciseClock>(`/exercises/${exerciseId}/clock/commands`, body),
  );

export const useClockSettings = (exerciseId: string) =>
  useConductMutation(exerciseId, (body: ClockSettings) =>
    api.put<ExerciseClock>(`/exercises/${exerciseId}/clock/settings`, body),
  );

export const useInjectAction = (exerciseId: string) =>
  useConductMutation(exerciseId, ({ injectId, ...body }: InjectAction & { injectId: string }) =>
    api.post<InjectRun>(`/exercises/${exerciseId}/injects/${injectId}/actions`, body),
  );

/** NO PLAY on (`on`) or lifted, each with its reason. */
export const useNoPlay = (exerciseId: string) =>
  useConductMutation(exerciseId, ({ on, ...body }: Static<typeof NoPlayBody> & { on: boolean }) =>
    api.post<ExerciseClock>(`/exercises/${exerciseId}/${on ? 'no-play' : 'resume-play'}`, body),
  );

export type InjectAdd = Static<typeof InjectAddBody>;
export type InjectEdit = Static<typeof InjectEditBody>;

/** An inject added on the fly: fired now, or at an exercise time still ahead. */
export const useAddInject = (exerciseId: string) =>
  useConductMutation(exerciseId, (body: InjectAdd) =>
    api.post<InjectRun>(`/exercises/${exerciseId}/injects`, body),
  );

/** An inject edited before it fires. */
export const useEditInject = (exerciseId: string) =>
  useConductMutation(exerciseId, ({ injectId, ...body }: InjectEdit & { injectId: string }) =>
    api.patch<InjectRun>(`/exercises/${exerciseId}/injects/${injectId}`, body),
  );
