import { Badge, Button, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useApproveEvents, useSubmitEvents } from '../../../api/msel';
import type { Exercise, Msel } from '../../../api/planningTypes';
import { useSession } from '../../../auth/useSession';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';

interface Props {
  msel: Msel;
  exercise: Exercise;
  canPlan: boolean;
  canApprove: boolean;
}

/** The whole list at a glance: its approval, its findings, and the two whole-list actions. */
export function MselToolbar({ msel, exercise, canPlan, canApprove }: Props) {
  const { t } = useTranslation();
  const me = useSession().user.id;
  const submit = useSubmitEvents(exercise.id);
  const approve = useApproveEvents(exercise.id);
  const errors = msel.findings.filter((f) => f.severity === 'error').length;
  const warnings = msel.findings.length - errors;
  const drafts = msel.events.filter((e) => e.approval === 'draft').length;
  const submitted = msel.events.filter((e) => e.approval === 'submitted');
  const onlyMine = submitted.length > 0 && submitted.every((e) => e.authorId === me);
  const approved = msel.approval === 'approved';

  return (
    <Paper withBorder p="sm">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Group gap="sm" wrap="wrap">
          <Text fw={700}>{t('planning.msel.listApproval')}</Text>
          <Badge color={approved ? STATUS.ok : STATUS.neutral} data-testid="msel-approval">
            {t(`planning.approval.${msel.approval}`)}
          </Badge>
          <Text size="sm" c={errors ? STATUS.danger : undefined}>
            {t('planning.msel.errors', { count: errors })}
          </Text>
          <Text size="sm" c={warnings ? STATUS.warning : undefined}>
            {t('planning.msel.warnings', { count: warnings })}
          </Text>
        </Group>
        <Group gap="sm" wrap="wrap">
          {canPlan && (
            <Button
              variant="default"
              disabled={drafts === 0}
              loading={submit.isPending}
              onClick={() => submit.mutate(undefined)}
            >
              {t('planning.msel.submitAll', { count: drafts })}
            </Button>
          )}
          {canApprove && (
            <Button
              disabled={approved || submitted.length === 0 || onlyMine}
              loading={approve.isPending}
              onClick={() => approve.mutate(undefined)}
              aria-describedby={onlyMine ? 'msel-only-mine' : undefined}
            >
              {t('planning.msel.approveAll')}
            </Button>
          )}
        </Group>
      </Group>
      {canApprove && onlyMine && (
        <Text id="msel-only-mine" size="sm" mt="xs">
          {t('planning.msel.onlyMine')}
        </Text>
      )}
      <ProblemAlert error={submit.error} />
      <ProblemAlert error={approve.error} />
    </Paper>
  );
}
