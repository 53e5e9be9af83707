import { ScrollArea, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClock, useExerciseLog } from '../../../api/conduct';
import type { AuditEntry } from '../../../api/types';
import { OlderButton } from '../../../components/OlderButton';
import { QueryState } from '../../../components/QueryState';
import { actorLabel } from '../../../components/actorLabel';
import { clockIn } from './InjectProgress';

/** What of an entry's detail a controller reads: the inject, the exercise time, the team and why. */
function particulars(entry: AuditEntry, t: (key: string, values?: Record<string, unknown>) => string) {
  const d = entry.detail;
  const parts: string[] = [];
  if (typeof d.number === 'string') parts.push(t('play.injectLabel', { number: d.number }));
  if (typeof d.exerciseTime === 'string') parts.push(d.exerciseTime);
  if (typeof d.team === 'string') parts.push(d.team);
  if (typeof d.reason === 'string' && d.reason.trim()) parts.push(`«${d.reason}»`);
  return parts.join(' · ');
}

/**
 * Everything done in the exercise, newest first, as every controller and evaluator watching sees it
 * at once: each conduct event refreshes it. Observations show only to those who may read them.
 */
export function ExerciseLog({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const log = useExerciseLog(exerciseId);
  const time = clockIn(useClock(exerciseId).data?.timeZone ?? 'UTC');
  return (
    <Stack gap="xs" component="section" aria-labelledby="exercise-log-title">
      <Title order={3} id="exercise-log-title">
        {t('conduct.log.title')}
      </Title>
      <QueryState query={log}>
        {(data) => {
          const entries = data.pages.flatMap((p) => p.items);
          if (entries.length === 0) return <Text c="dimmed">{t('conduct.log.none')}</Text>;
          return (
            <>
              <ScrollArea.Autosize
                mah={420}
                type="auto"
                // A keyboard must reach what scrolls: the viewport takes focus, and arrows scroll it.
                viewportProps={{ tabIndex: 0, 'aria-labelledby': 'exercise-log-title' }}
              >
                <Table striped fz="sm" verticalSpacing={4} aria-labelledby="exercise-log-title">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('conduct.log.at')}</Table.Th>
                      <Table.Th>{t('conduct.log.who')}</Table.Th>
                      <Table.Th>{t('conduct.log.what')}</Table.Th>
                      <Table.Th>{t('conduct.log.particulars')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {entries.map((e) => (
                      <Table.Tr key={e.seq}>
                        <Table.Td ff="monospace">{time(e.at)}</Table.Td>
                        <Table.Td>{actorLabel(t, e.actorName)}</Table.Td>
                        <Table.Td title={e.action}>{e.sentence}</Table.Td>
                        <Table.Td>{particulars(e, t)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </ScrollArea.Autosize>
              <OlderButton query={log} />
            </>
          );
        }}
      </QueryState>
    </Stack>
  );
}
