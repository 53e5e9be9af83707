import { Badge, Button, Group, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInjectAction, type InjectRun } from '../../../api/conduct';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { TableScroll } from '../../../components/TableScroll';
import { STATUS } from '../../../theme';
import { BranchNote } from './BranchNote';
import { conductErrors } from './conductErrors';
import { formatExerciseSeconds } from './ClockFaces';
import { InjectFormModal } from './InjectFormModal';
import { InjectProgress } from './InjectProgress';
import { InjectReasonModal } from './InjectReasonModal';

export const STATUS_COLOUR = {
  scheduled: '#2c5485',
  held: STATUS.warning,
  fired: STATUS.ok,
  skipped: STATUS.neutral,
} as const;

/**
 * The MSEL as it is played: past, due and upcoming injects, with the controller's actions; while the
 * clock is live (`canAdd`) a controller adds injects on the fly and edits those still to fire.
 */
export function InjectsTable({
  exerciseId,
  injects,
  canAct,
  canAdd,
  ended,
  halted,
}: {
  exerciseId: string;
  injects: InjectRun[];
  canAct: boolean;
  canAdd: boolean;
  /** After ENDEX nothing can be done to an inject; under NO PLAY nothing fires. */
  ended: boolean;
  halted: boolean;
}) {
  const { t } = useTranslation();
  const action = useInjectAction(exerciseId);
  const act = (injectId: string, what: 'fire' | 'release') => action.mutate({ injectId, action: what });
  const [asking, setAsking] = useState<{ inject: InjectRun; action: 'hold' | 'skip' } | null>(null);
  const ask = (inject: InjectRun, what: 'hold' | 'skip') => setAsking({ inject, action: what });
  const [form, setForm] = useState<{ inject?: InjectRun } | null>(null);
  return (
    <>
      <Group justify="space-between">
        <Title order={3}>{t('conduct.injects.title')}</Title>
        {canAct && canAdd && !halted && (
          <Button onClick={() => setForm({})}>{t('conduct.injectForm.add')}</Button>
        )}
      </Group>
      {form && <InjectFormModal exerciseId={exerciseId} inject={form.inject} onClose={() => setForm(null)} />}
      <ProblemAlert error={action.error} byCode={conductErrors(t)} />
      {asking && (
        <InjectReasonModal
          exerciseId={exerciseId}
          inject={asking.inject}
          action={asking.action}
          onClose={() => setAsking(null)}
        />
      )}
      {injects.length === 0 ? (
        <Text c="dimmed">{t('conduct.injects.none')}</Text>
      ) : (
        <TableScroll label={t('conduct.injects.title')} minWidth={canAct ? 900 : 720}>
          <Table striped highlightOnHover aria-label={t('conduct.injects.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('conduct.injects.number')}</Table.Th>
                <Table.Th>{t('conduct.injects.time')}</Table.Th>
                <Table.Th>{t('conduct.injects.inject')}</Table.Th>
                <Table.Th>{t('conduct.injects.state')}</Table.Th>
                <Table.Th>{t('play.progress.title')}</Table.Th>
                {canAct && <Table.Th>{t('conduct.injects.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {injects.map((i) => {
                const waiting = !ended && (i.status === 'scheduled' || i.status === 'held');
                return (
                  <Table.Tr key={i.id}>
                    <Table.Td>{i.number}</Table.Td>
                    <Table.Td ff="monospace">{formatExerciseSeconds(i.dueSeconds)}</Table.Td>
                    <Table.Td>
                      {i.title}
                      <BranchNote
                        exerciseId={exerciseId}
                        inject={i}
                        canDecide={canAct && !ended && !halted}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={STATUS_COLOUR[i.status]}>{t(`conduct.status.${i.status}`)}</Badge>
                        {i.due && <Badge color={STATUS.danger}>{t('conduct.injects.due')}</Badge>}
                        {i.contingency && <Badge variant="outline">{t('conduct.injects.contingency')}</Badge>}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {i.status === 'fired' && <InjectProgress exerciseId={exerciseId} injectId={i.id} />}
                    </Table.Td>
                    {canAct && (
                      <Table.Td>
                        {waiting && (
                          <Group gap={4} wrap="nowrap">
                            {!halted && (
                              <Button size="compact-xs" onClick={() => act(i.id, 'fire')}>
                                {t('conduct.actions.fire')}
                              </Button>
                            )}
                            {i.status === 'scheduled' ? (
                              <Button size="compact-xs" variant="default" onClick={() => ask(i, 'hold')}>
                                {t('conduct.actions.hold')}
                              </Button>
                            ) : (
                              <Button
                                size="compact-xs"
                                variant="default"
                                onClick={() => act(i.id, 'release')}
                              >
                                {t('conduct.actions.release')}
                              </Button>
                            )}
                            {canAdd && (
                              <Button
                                size="compact-xs"
                                variant="default"
                                onClick={() => setForm({ inject: i })}
                              >
                                {t('conduct.injectForm.edit')}
                              </Button>
                            )}
                            <Button
                              size="compact-xs"
                              variant="subtle"
                              color="gray"
                              onClick={() => ask(i, 'skip')}
                            >
                              {t('conduct.actions.skip')}
                            </Button>
                          </Group>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </>
  );
}
