import { Anchor, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ImprovementItem } from '../../api/improvement';
import { TableScroll } from '../../components/TableScroll';
import { ImprovementStatusCell } from './ImprovementStatus';
import { ObservationSource } from './ObservationSource';
import { useCapabilityWords } from '../../i18n/capabilities';

/** Items as rows: what to do and why, the capability, who answers for it, when, and where it stands. */
export function ImprovementTable({
  items,
  label,
  showExercise = true,
}: {
  items: readonly ImprovementItem[];
  label: string;
  showExercise?: boolean;
}) {
  const { t } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  if (items.length === 0) return <Text c="dimmed">{t('improvement.empty')}</Text>;
  return (
    <TableScroll label={label} minWidth={900}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('improvement.action')}</Table.Th>
            <Table.Th>{t('improvement.capability')}</Table.Th>
            <Table.Th>{t('improvement.responsible')}</Table.Th>
            <Table.Th>{t('improvement.dates')}</Table.Th>
            <Table.Th>{t('improvement.statusLabel')}</Table.Th>
            {showExercise && <Table.Th>{t('improvement.exercise')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((i) => (
            <Table.Tr key={i.id} data-testid={`improvement-${i.id}`}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {i.correctiveAction}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('improvement.issueIs', { issue: i.issue })}
                </Text>
                <ObservationSource item={i} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{capabilityName(i.capabilityId, i.capabilityName)}</Text>
                <Text size="xs" c="dimmed">
                  {t(`improvement.element.${i.element}`)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{i.organisationName}</Text>
                <Text size="xs">{i.owner.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{t('improvement.due', { day: i.dueOn })}</Text>
                <Text size="xs" c="dimmed">
                  {t('improvement.start', { day: i.startOn })}
                </Text>
              </Table.Td>
              <Table.Td>
                <ImprovementStatusCell item={i} />
              </Table.Td>
              {showExercise && (
                <Table.Td>
                  <Stack gap={2}>
                    <Anchor component={Link} to={`/exercises/${i.exerciseId}`} size="sm">
                      {i.exerciseName}
                    </Anchor>
                    {i.testIn && (
                      <Text size="xs">
                        {t(`improvement.testIn.${i.testIn.state}`, { exercise: i.testIn.exerciseName })}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
