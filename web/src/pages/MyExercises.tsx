import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useExercises } from '../api/exercises';
import type { Exercise, ExerciseStatus } from '../api/planningTypes';
import { QueryState } from '../components/QueryState';
import { StatusBadge } from './exercises/StatusBadge';

/** Live exercises first: a player opening the console mid-exercise is looking for the one running. */
const ORDER: Partial<Record<ExerciseStatus, number>> = { running: 0, paused: 0, ready: 1, planned: 2 };
const SHOWN = 8;

/** Where each reader does their part: the control room, the observation form, the player view. */
function placeOf(e: Exercise): { to: string; label: string } {
  if (e.access.conduct) return { to: `/exercises/${e.id}/control`, label: 'dashboard.yours.control' };
  if (e.access.recordObservations)
    return { to: `/exercises/${e.id}/observations`, label: 'dashboard.yours.observe' };
  if (e.access.play) return { to: `/play/${e.id}`, label: 'dashboard.yours.play' };
  return { to: `/exercises/${e.id}`, label: 'dashboard.yours.view' };
}

/**
 * The exercises the reader takes part in that are live or coming, each with the way to their own
 * part of it: the first thing a player, controller or evaluator needs on the day.
 */
export function MyExercises() {
  const { t } = useTranslation();
  const query = useExercises({});
  return (
    <QueryState query={query}>
      {(data) => {
        const current = data.items
          .filter((e) => ORDER[e.status] !== undefined)
          .sort((a, b) => ORDER[a.status]! - ORDER[b.status]! || a.startex.localeCompare(b.startex))
          .slice(0, SHOWN);
        return (
          <Stack gap="xs" component="section" aria-labelledby="your-exercises">
            <Title order={2} size="h4" id="your-exercises">
              {t('dashboard.yours.title')}
            </Title>
            {current.length === 0 ? (
              <Text c="dimmed">{t('dashboard.yours.none')}</Text>
            ) : (
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
                {current.map((e) => {
                  const place = placeOf(e);
                  return (
                    <Paper key={e.id} withBorder p="sm" radius="sm" aria-label={e.name}>
                      <Stack gap={6}>
                        <Text fw={600}>{e.name}</Text>
                        {/* Under the name, not beside it: a long name squeezed the badge's word. */}
                        <Group gap="xs">
                          <StatusBadge status={e.status} />
                          <Text size="sm">{t('dashboard.yours.startex', { at: e.startexLocal })}</Text>
                        </Group>
                        <Group>
                          <Button component={Link} to={place.to} size="xs">
                            {t(place.label)}
                          </Button>
                        </Group>
                      </Stack>
                    </Paper>
                  );
                })}
              </SimpleGrid>
            )}
          </Stack>
        );
      }}
    </QueryState>
  );
}
