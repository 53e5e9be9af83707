import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRemoveFromPlan, type PlanList } from '../../api/exercises';

/** Removes one item of the plan; its accessible name says which, as many sit side by side. */
export function RemoveButton({
  exerciseId,
  list,
  itemId,
  name,
}: {
  exerciseId: string;
  list: PlanList;
  itemId: string;
  name: string;
}) {
  const { t } = useTranslation();
  const remove = useRemoveFromPlan(exerciseId, list);
  return (
    <Button
      size="compact-xs"
      variant="default"
      loading={remove.isPending}
      onClick={() => remove.mutate(itemId)}
      aria-label={t('planning.remove.named', { name })}
    >
      {t('planning.remove.label')}
    </Button>
  );
}
