import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreCapabilities } from '../../../api/exercises';
import type { ExercisePlan } from '../../../api/planningTypes';
import { RemoveButton } from '../RemoveButton';
import { AddObjectiveForm } from './AddObjectiveForm';
import { ObjectiveEditor } from './ObjectiveEditor';
import { useExerciseCan } from '../ExerciseAccess';

/** Objective → core capability → capability target → critical tasks: what evaluators will rate. */
export function ObjectivesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  const capabilities = useCoreCapabilities();
  const capabilityName = new Map((capabilities.data?.items ?? []).map((c) => [c.id, c.name]));
  const exerciseId = plan.exercise.id;
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <Stack>
      {plan.objectives.length === 0 && <Text c="dimmed">{t('planning.objectives.empty')}</Text>}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {plan.objectives.map((o, i) => (
          <Paper component="li" key={o.id} withBorder p="sm">
            {editing === o.id ? (
              <ObjectiveEditor
                exerciseId={exerciseId}
                objective={o}
                number={i + 1}
                capabilities={capabilities.data?.items ?? []}
                onDone={() => setEditing(null)}
              />
            ) : (
              <>
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Title order={3} size="h5">
                    {t('planning.objectives.numbered', { n: i + 1, text: o.text })}
                  </Title>
                  {canPlan && (
                    <Group gap={6} wrap="nowrap">
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('planning.edit.named', {
                          name: t('planning.objectives.short', { n: i + 1 }),
                        })}
                        onClick={() => setEditing(o.id)}
                      >
                        {t('planning.edit.label')}
                      </Button>
                      <RemoveButton exerciseId={exerciseId} list="objectives" itemId={o.id} name={o.text} />
                    </Group>
                  )}
                </Group>
                <List size="sm" mt="xs" spacing={4}>
                  {o.capabilityTargets.map((target) => (
                    <List.Item key={target.id}>
                      <Text size="sm" fw={600} span>
                        {capabilityName.get(target.coreCapabilityId) ?? target.coreCapabilityId}
                      </Text>
                      <Text size="sm">{t('planning.objectives.target', { text: target.text })}</Text>
                      {target.criticalTasks.length > 0 && (
                        <List size="sm" withPadding listStyleType="disc">
                          {target.criticalTasks.map((task) => (
                            <List.Item key={task.id}>{task.text}</List.Item>
                          ))}
                        </List>
                      )}
                    </List.Item>
                  ))}
                </List>
              </>
            )}
          </Paper>
        ))}
      </Stack>
      {canPlan && <AddObjectiveForm exerciseId={exerciseId} capabilities={capabilities.data?.items ?? []} />}
    </Stack>
  );
}
