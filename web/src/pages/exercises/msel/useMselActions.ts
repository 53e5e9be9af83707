import { useState } from 'react';
import { useApproveEvents, useReorder, useSubmitEvents, useUpdateEvent } from '../../../api/msel';
import type { MselEvent } from '../../../api/planningTypes';
import { moveEvent } from './mselFilter';

/**
 * What the grid's rows can do, wired to the API, with the last outcome kept for the message area:
 * an edit refused because someone else saved first is reported with the inject's number.
 */
export function useMselActions(exerciseId: string, events: MselEvent[]) {
  const update = useUpdateEvent(exerciseId);
  const reorder = useReorder(exerciseId);
  const submit = useSubmitEvents(exerciseId);
  const approve = useApproveEvents(exerciseId);
  const [failed, setFailed] = useState<{ error: unknown; number: string } | null>(null);
  const [moved, setMoved] = useState<{ number: string; position: number } | null>(null);

  const ids = () => events.map((e) => e.id);
  const doReorder = (order: string[], event: MselEvent) => {
    setMoved({ number: event.number, position: order.indexOf(event.id) + 1 });
    reorder.mutate(order);
  };

  return {
    failed,
    moved,
    dismiss: () => setFailed(null),
    errors: [reorder.error, submit.error, approve.error],
    on: {
      update: (event: MselEvent, patch: Parameters<typeof update.mutate>[0]['patch']) => {
        setFailed(null);
        update.mutate({ event, patch }, { onError: (error) => setFailed({ error, number: event.number }) });
      },
      submit: (event: MselEvent) => submit.mutate([event.id]),
      approve: (event: MselEvent) => approve.mutate([event.id]),
      move: (event: MselEvent, by: -1 | 1) => {
        const all = ids();
        const target = all[all.indexOf(event.id) + by];
        if (target) doReorder(moveEvent(all, event.id, target), event);
      },
      reorder: (movedId: string, targetId: string) => {
        const event = events.find((e) => e.id === movedId);
        if (event) doReorder(moveEvent(ids(), movedId, targetId), event);
      },
    },
  };
}

export type MselActions = ReturnType<typeof useMselActions>;
