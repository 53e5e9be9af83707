import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCoreCapabilities } from '../../../api/exercises';
import { useMsel } from '../../../api/msel';
import type { ExercisePlan } from '../../../api/planningTypes';
import { RemoveButton } from '../RemoveButton';
import { AddObjectiveForm } from './AddObjectiveForm';
import { ObjectiveEditor } from './ObjectiveEditor';
import { useExerciseCan } from '../ExerciseAccess';
import { ExerciseImprovement } from '../../improvement/ExerciseImprovement';
import { criterionText } from './criterionText';

/** Objective → core capability → capability target → critical tasks: what evaluators will rate. */
export function ObjectivesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  // Titles of the injects criteria name; readers without the controller side see their numbers only.
  const msel = useMsel(plan.exercise.id, useExerciseCan('readControllerSide'));
  const injects = (msel.data?.events ?? []).filter((e) => e.kind === 'inject');
  const injectTitle = new Map(injects.map((e) => [e.number, e.title]));
  const teamName = new Map(plan.teams.map((x) => [x.id, x.name]));
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
                injects={injects}
                teams={plan.teams}
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
                            <List.Item key={task.id}>
                              {task.text}
                              {task.criterion && (
                                <Text size="sm" c="dimmed">
                                  {criterionText(
                                    task.criterion,
                                    {
                                      injectTitle: injectTitle.get(task.criterion.injectNumber),
                                      teamName: task.criterion.teamId
                                        ? teamName.get(task.criterion.teamId)
                                        : undefined,
                                    },
                                    t,
                                  )}
                                </Text>
                              )}
                            </List.Item>
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
      <ExerciseImprovement exerciseId={exerciseId} />
    </Stack>
  );
}
