import { Badge, Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSetImprovementStatus, type ImprovementItem, type ImprovementStatus } from '../../api/improvement';
import { ProblemAlert } from '../../components/ProblemAlert';

const COLOUR: Record<ImprovementStatus, string> = {
  open: 'blue',
  in_progress: 'yellow',
  completed: 'green',
  cancelled: 'gray',
};

/** The item's status; a manager of it moves it to one of the statuses the rules allow from there. */
export function ImprovementStatusCell({ item }: { item: ImprovementItem }) {
  const { t } = useTranslation();
  const move = useSetImprovementStatus();
  return (
    <Group gap={6} wrap="wrap">
      <Badge color={COLOUR[item.status]}>{t(`improvement.status.${item.status}`)}</Badge>
      {item.overdue && <Badge color="red">{t('improvement.overdue')}</Badge>}
      {item.moves.length > 0 && (
        <NativeSelect
          size="xs"
          aria-label={t('improvement.moveNamed', { action: item.correctiveAction })}
          value=""
          disabled={move.isPending}
          data={[
            { value: '', label: t('improvement.moveTo') },
            ...item.moves.map((s) => ({ value: s, label: t(`improvement.status.${s}`) })),
          ]}
          onChange={(e) => {
            const status = e.currentTarget.value as ImprovementStatus | '';
            if (status) move.mutate({ item, status });
          }}
        />
      )}
      <ProblemAlert error={move.error} />
    </Group>
  );
}
