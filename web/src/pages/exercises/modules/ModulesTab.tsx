import { Button, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReorderModules } from '../../../api/exercises';
import type { ExercisePlan } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MoveButtons } from '../MoveButtons';
import { RemoveButton } from '../RemoveButton';
import { moveItem } from '../reorder';
import { ModuleForm } from './ModuleForm';
import { useExerciseCan } from '../ExerciseAccess';

/**
 * A tabletop's scenario, module by module, in the order the facilitator plays them. Part of the
 * controllers' side: the tab is offered only to those who may read the MSEL, and the server sends
 * players no modules at all.
 */
export function ModulesTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  const reorder = useReorderModules(plan.exercise.id);
  const [editing, setEditing] = useState<string | null>(null);
  const modules = plan.modules;

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('planning.modules.intro')}
      </Text>
      {modules.length === 0 && <Text c="dimmed">{t('planning.modules.empty')}</Text>}
      <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
        {modules.map((m, i) => (
          <Paper component="li" key={m.id} withBorder p="sm">
            {editing === m.id ? (
              <ModuleForm exerciseId={plan.exercise.id} module={m} onDone={() => setEditing(null)} />
            ) : (
              <Stack gap="xs">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Title order={3} size="h5">
                    {t('planning.modules.numbered', { n: i + 1, title: m.title })}
                  </Title>
                  {canPlan && (
                    <Group gap={6} wrap="nowrap">
                      <MoveButtons
                        index={i}
                        count={modules.length}
                        name={m.title}
                        disabled={reorder.isPending}
                        onMove={(d) => reorder.mutate(moveItem(modules, i, d).map((x) => x.id))}
                      />
                      <Button
                        size="compact-xs"
                        variant="default"
                        aria-label={t('planning.edit.named', { name: m.title })}
                        onClick={() => setEditing(m.id)}
                      >
                        {t('planning.edit.label')}
                      </Button>
                      <RemoveButton
                        exerciseId={plan.exercise.id}
                        list="modules"
                        itemId={m.id}
                        name={m.title}
                      />
                    </Group>
                  )}
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {m.narrative}
                </Text>
                {m.questions.length > 0 && (
                  <>
                    <Text size="sm" fw={600}>
                      {t('planning.modules.questions')}
                    </Text>
                    <List size="sm" type="ordered" withPadding>
                      {m.questions.map((q, k) => (
                        <List.Item key={k}>{q}</List.Item>
                      ))}
                    </List>
                  </>
                )}
              </Stack>
            )}
          </Paper>
        ))}
      </Stack>
      <ProblemAlert error={reorder.error} />
      {canPlan && <ModuleForm exerciseId={plan.exercise.id} />}
    </Stack>
  );
}
