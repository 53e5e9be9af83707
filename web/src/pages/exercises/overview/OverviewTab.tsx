import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Exercise } from '../../../api/planningTypes';
import { EditExerciseModal } from './EditExerciseModal';
import { StatusActions } from './StatusActions';
import { useExerciseCan } from '../ExerciseAccess';
import { zoneName } from '../../../i18n/zones';

/** The exercise's own fields; times in its zone, named, since readers sit in other zones. */
export function OverviewTab({ exercise }: { exercise: Exercise }) {
  const { t, i18n } = useTranslation();
  const zone = zoneName(exercise.timeZone, i18n.language);
  const canPlan = useExerciseCan('plan');
  // The scenario and the MSEL are the controllers' side: players are not shown an empty field for them.
  const controllerSide = useExerciseCan('readControllerSide');
  const [editing, setEditing] = useState(false);
  const rows: [string, string | null][] = [
    [t('planning.fields.type'), t(`planning.types.${exercise.type}`)],
    [t('planning.fields.city'), exercise.city],
    [t('lessons.filter.hazard'), exercise.hazard ? t(`lessons.hazard.${exercise.hazard}`) : null],
    [t('planning.fields.timeZone'), zone],
    [t('planning.fields.startex'), `${exercise.startexLocal} ${zone}`],
    [t('planning.fields.endex'), `${exercise.endexLocal} ${zone}`],
    [t('planning.fields.scope'), exercise.scope],
    // The threat synopsis and the scenario are the controllers' side: not even an empty row for others.
    ...(controllerSide
      ? [
          [t('planning.fields.threat'), exercise.threat] as [string, string | null],
          [t('planning.fields.scenario'), exercise.scenario] as [string, string | null],
        ]
      : []),
    [t('planning.fields.sponsor'), exercise.sponsor],
    [t('planning.fields.pointOfContact'), exercise.pointOfContact],
    ...(controllerSide
      ? [
          [t('planning.fields.mselApproval'), t(`planning.approval.${exercise.mselApproval}`)] as [
            string,
            string,
          ],
        ]
      : []),
  ];
  return (
    <Stack>
      <StatusActions exercise={exercise} />
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t('planning.overview.details')}
        </Title>
        {canPlan && (
          <Button variant="default" onClick={() => setEditing(true)}>
            {t('planning.overview.edit')}
          </Button>
        )}
      </Group>
      <Table withTableBorder fz="sm" verticalSpacing={4} maw={900}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th scope="row" w="14rem">
                {label}
              </Table.Th>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {value ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {editing && <EditExerciseModal exercise={exercise} onClose={() => setEditing(false)} />}
    </Stack>
  );
}
