import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseStatus } from '../../api/planningTypes';
import { STATUS } from '../../theme';

const COLOUR: Record<ExerciseStatus, string> = {
  draft: STATUS.neutral,
  planned: '#2c5485',
  ready: STATUS.ok,
  running: STATUS.danger,
  paused: STATUS.warning,
  ended: STATUS.neutral,
  evaluated: STATUS.neutral,
  archived: STATUS.neutral,
};

/** A running exercise is red on purpose: it is the one state where traffic goes out. */
export function StatusBadge({ status }: { status: ExerciseStatus }) {
  const { t } = useTranslation();
  return <Badge color={COLOUR[status]}>{t(`planning.status.${status}`)}</Badge>;
}
