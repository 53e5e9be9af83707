import { Badge, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useMilestones, useReachMilestone } from '../../../api/branching';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { QueryState } from '../../../components/QueryState';
import { STATUS } from '../../../theme';
import { conductErrors } from './conductErrors';

/**
 * The milestones the plan's injects wait for ("perimeter secured"): a controller marks one reached
 * and what waits for it is released. One the plan did not name can be marked too, for the log.
 */
export function MilestonesPanel({ exerciseId, canAct }: { exerciseId: string; canAct: boolean }) {
  const { t } = useTranslation();
  const milestones = useMilestones(exerciseId);
  const reach = useReachMilestone(exerciseId);
  const [other, setOther] = useState('');
  const markOther = (e: FormEvent) => {
    e.preventDefault();
    if (other.trim()) reach.mutate(other.trim(), { onSuccess: () => setOther('') });
  };
  return (
    <QueryState query={milestones}>
      {({ items }) =>
        items.length === 0 && !canAct ? null : (
          <Card withBorder component="section" aria-label={t('branching.milestones.title')}>
            <Stack gap="xs">
              <Title order={3}>{t('branching.milestones.title')}</Title>
              {items.length === 0 && <Text c="dimmed">{t('branching.milestones.none')}</Text>}
              {items.map((m) => (
                <Group key={m.name} justify="space-between" wrap="nowrap">
                  <Stack gap={0}>
                    <Text fw={600}>{m.name}</Text>
                    <Text size="sm" c="dimmed">
                      {m.reachedAt
                        ? t('branching.milestones.reached', { time: m.exerciseTime, by: m.reachedBy })
                        : t('branching.milestones.waiting', { count: m.waiting })}
                    </Text>
                  </Stack>
                  {m.reachedAt ? (
                    <Badge color={STATUS.ok}>{t('branching.milestones.done')}</Badge>
                  ) : (
                    canAct && (
                      <Button
                        size="compact-sm"
                        loading={reach.isPending && reach.variables === m.name}
                        onClick={() => reach.mutate(m.name)}
                        aria-label={t('branching.milestones.markNamed', { milestone: m.name })}
                      >
                        {t('branching.milestones.mark')}
                      </Button>
                    )
                  )}
                </Group>
              ))}
              {canAct && (
                <form onSubmit={markOther}>
                  <Group align="flex-end">
                    <TextInput
                      label={t('branching.milestones.other')}
                      value={other}
                      onChange={(e) => setOther(e.currentTarget.value)}
                      style={{ flex: 1 }}
                    />
                    <Button type="submit" variant="default" disabled={!other.trim()}>
                      {t('branching.milestones.markOther')}
                    </Button>
                  </Group>
                </form>
              )}
              <ProblemAlert error={reach.error} byCode={conductErrors(t)} />
            </Stack>
          </Card>
        )
      }
    </QueryState>
  );
}
