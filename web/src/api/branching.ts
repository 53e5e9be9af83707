import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  BranchingBody,
  BranchingPlanSchema,
  BranchingSchema,
  MilestoneSchema,
} from '../../../src/http/api/branching/schema';
import { api } from './client';
import { conductKey, type InjectRun } from './conduct';
import { playKey, type PlayerInject } from './play';
import type { Items } from './types';

export type Branching = Static<typeof BranchingSchema>;
export type BranchingPlan = Static<typeof BranchingPlanSchema>;
export type BranchingInput = Static<typeof BranchingBody>;
export type Milestone = Static<typeof MilestoneSchema>;

const branchingKey = (exerciseId: string) => ['exercises', exerciseId, 'branching'] as const;

/** Controller-side planning: asked for only by those who read the MSEL. */
export const useBranching = (exerciseId: string, enabled = true) =>
  useQuery({
    queryKey: branchingKey(exerciseId),
    queryFn: () => api.get<BranchingPlan>(`/exercises/${exerciseId}/branching`),
    enabled,
  });

/** Saved after the event itself; the MSEL refreshes too (an approved event goes back to review). */
export function useSetBranching(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ eventId, ...body }: BranchingInput & { eventId: string }) =>
      api.put<Branching>(`/exercises/${exerciseId}/msel/${eventId}/branching`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['exercises', exerciseId] }),
  });
}

/** `inject.changed` on the live stream refreshes these with the rest of conduct. */
export const useMilestones = (exerciseId: string) =>
  useQuery({
    queryKey: [...conductKey(exerciseId), 'milestones'],
    queryFn: () => api.get<Items<Milestone>>(`/exercises/${exerciseId}/control/milestones`),
  });

function useConductWrite<T>(exerciseId: string, fn: (body: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: conductKey(exerciseId) }),
  });
}

export const useReachMilestone = (exerciseId: string) =>
  useConductWrite(exerciseId, (milestone: string) =>
    api.post<Items<Milestone>>(`/exercises/${exerciseId}/control/milestones`, { milestone }),
  );

/** A controller enters the decision a fired inject asked for. */
export const useEnterDecision = (exerciseId: string) =>
  useConductWrite(exerciseId, ({ injectId, option }: { injectId: string; option: string }) =>
    api.post<InjectRun>(`/exercises/${exerciseId}/control/injects/${injectId}/decision`, { option }),
  );

/** A player answers the question of an inject of theirs. */
export function usePlayerDecision(exerciseId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ injectId, option }: { injectId: string; option: string }) =>
      api.post<PlayerInject>(`/exercises/${exerciseId}/play/injects/${injectId}/decision`, { option }),
    onSuccess: () => client.invalidateQueries({ queryKey: playKey(exerciseId) }),
  });
}
