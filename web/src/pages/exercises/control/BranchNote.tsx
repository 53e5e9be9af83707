import { Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useEnterDecision } from '../../../api/branching';
import type { InjectRun } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { conductErrors } from './conductErrors';

/**
 * Under an inject's title: what it waits for, the question it asks, and the answer once given. A
 * controller may enter the answer for the players (heard on the radio) once the inject has fired.
 */
export function BranchNote({
  exerciseId,
  inject,
  canDecide,
}: {
  exerciseId: string;
  inject: InjectRun;
  canDecide: boolean;
}) {
  const { t } = useTranslation();
  const enter = useEnterDecision(exerciseId);
  const r = inject.releaseOn;
  const d = inject.decision;
  if (!r && !d) return null;
  const after = r && r.delayMinutes > 0 ? ` ${t('branching.after', { minutes: r.delayMinutes })}` : '';
  return (
    <>
      {r && (
        <Text size="xs" c="dimmed">
          {r.kind === 'decision'
            ? t('branching.waitsDecision', { number: r.number, option: r.option })
            : t('branching.waitsMilestone', { milestone: r.milestone })}
          {after}
        </Text>
      )}
      {d && (
        <Text size="xs" c="dimmed">
          {t('branching.asked', { question: d.question })}
        </Text>
      )}
      {d?.chosen && (
        <Text size="xs" fw={600}>
          {t(d.via === 'controller' ? 'branching.chosenForThem' : 'branching.chosen', {
            option: d.chosen,
            by: d.by ?? '',
          })}
        </Text>
      )}
      {d && !d.chosen && inject.status === 'fired' && canDecide && (
        <Group gap={4} mt={4} aria-label={t('branching.enterDecision', { number: inject.number })}>
          <Text size="xs">{t('branching.enterDecision', { number: inject.number })}:</Text>
          {d.options.map((o) => (
            <Button
              key={o}
              size="compact-xs"
              variant="light"
              loading={enter.isPending && enter.variables?.option === o}
              onClick={() => enter.mutate({ injectId: inject.id, option: o })}
            >
              {o}
            </Button>
          ))}
        </Group>
      )}
      <ProblemAlert error={enter.error} byCode={conductErrors(t)} />
    </>
  );
}
