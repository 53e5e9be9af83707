import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  ImprovementBody,
  ImprovementItemSchema,
  ImprovementQuery,
} from '../../../src/http/api/improvement/schema';
import { api } from './client';
import { exercisesKey } from './exercises';
import type { Items } from './types';

export { CAPABILITY_ELEMENTS } from '../../../src/contract/enums';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type ImprovementItem = Static<typeof ImprovementItemSchema>;
export type ImprovementDraft = Static<typeof ImprovementBody>;
export type ImprovementFilter = Static<typeof ImprovementQuery>;
export type ImprovementStatus = ImprovementItem['status'];

const improvementKey = ['improvement'] as const;

const query = (filter: ImprovementFilter) => {
  const params = new URLSearchParams(
    Object.entries(filter).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''),
  ).toString();
  return params ? `?${params}` : '';
};

export const useImprovementItems = (filter: ImprovementFilter) =>
  useQuery({
    queryKey: [...improvementKey, 'list', filter],
    queryFn: () => api.get<Items<ImprovementItem>>(`/improvement${query(filter)}`),
  });

export const useExerciseImprovement = (exerciseId: string, enabled: boolean) =>
  useQuery({
    queryKey: [...improvementKey, 'exercise', exerciseId],
    queryFn: () =>
      api.get<{ raised: ImprovementItem[]; proposed: ImprovementItem[]; mayPlan: boolean }>(
        `/exercises/${encodeURIComponent(exerciseId)}/improvement`,
      ),
    enabled,
  });

function useImprovementMutation<I, O>(fn: (input: I) => Promise<O>, alsoPlan = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: async () => {
      await client.invalidateQueries({ queryKey: improvementKey });
      // Accepting a proposal adds an objective to the exercise's plan.
      if (alsoPlan) await client.invalidateQueries({ queryKey: exercisesKey });
    },
  });
}

export const useCreateImprovement = () =>
  useImprovementMutation((input: ImprovementDraft) => api.post<ImprovementItem>('/improvement', input));

export const useSetImprovementStatus = () =>
  useImprovementMutation(({ item, status }: { item: ImprovementItem; status: ImprovementStatus }) =>
    api.post<ImprovementItem>(`/improvement/${encodeURIComponent(item.id)}/status`, {
      status,
      version: item.version,
    }),
  );

export const useDecideProposal = (exerciseId: string) =>
  useImprovementMutation(
    ({ itemId, decision }: { itemId: string; decision: 'accept' | 'dismiss' }) =>
      api.post<{ objectiveId: string | null }>(
        `/exercises/${encodeURIComponent(exerciseId)}/improvement/proposals/${encodeURIComponent(itemId)}`,
        { decision },
      ),
    true,
  );
