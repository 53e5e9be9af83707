import { Button, Fieldset, Group, NativeSelect, Paper, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateObjective } from '../../../api/exercises';
import { ApiError } from '../../../api/client';
import { problemText } from '../../../api/problemText';
import type { CoreCapability, MselEvent, Objective, Team } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { MoveButtons } from '../MoveButtons';
import { moveItem } from '../reorder';
import { CriterionEditor } from './CriterionEditor';
import {
  changeOf,
  criterionFieldOf,
  draftOf,
  newKey,
  newTask,
  type ObjectiveDraft,
  type TargetDraft,
} from './objectiveDraft';

interface Props {
  exerciseId: string;
  objective: Objective;
  number: number;
  capabilities: CoreCapability[];
  /** The MSEL's injects a criterion may name, and the exercise's teams. */
  injects: readonly Pick<MselEvent, 'number' | 'title'>[];
  teams: readonly Team[];
  onDone: () => void;
}

/**
 * Edits an objective in place: its text, and its capability targets and their critical tasks, each
 * added, changed, removed or moved. Saved as one change, so a half-edited objective is never stored.
 */
export function ObjectiveEditor({
  exerciseId,
  objective,
  number,
  capabilities,
  injects,
  teams,
  onDone,
}: Props) {
  const { t, i18n } = useTranslation();
  const save = useUpdateObjective(exerciseId);
  const [draft, setDraftState] = useState<ObjectiveDraft>(() => draftOf(objective));
  // A refusal speaks of the draft as sent: once the draft changes it no longer applies.
  const setDraft = (next: ObjectiveDraft) => {
    if (save.error) save.reset();
    setDraftState(next);
  };
  const setTargets = (targets: TargetDraft[]) => setDraft({ ...draft, targets });
  const setTarget = (i: number, patch: Partial<TargetDraft>) =>
    setTargets(draft.targets.map((x, j) => (j === i ? { ...x, ...patch } : x)));

  // A refused criterion field is shown at its input, in the reader's language.
  const refused = save.error instanceof ApiError ? criterionFieldOf(save.error.field) : null;
  // At its input the field goes without saying: "…criterion.withinMinutes: must be …" reads "must be …".
  const refusal =
    refused && save.error instanceof ApiError
      ? problemText(save.error, t, (key) => i18n.exists(key)).replace(`${save.error.field}: `, '')
      : '';
  const errorsOf = (target: number, task: number) =>
    refused && refused.target === target && refused.task === task ? { [refused.field]: refusal } : {};

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ itemId: objective.id, change: changeOf(draft) }, { onSuccess: onDone });
  };

  return (
    <form onSubmit={submit} aria-label={t('planning.objectives.editing', { n: number })}>
      <Stack gap="sm">
        <Textarea
          label={t('planning.objectives.text')}
          description={t('planning.objectives.smart')}
          required
          autosize
          minRows={2}
          value={draft.text}
          onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
        />
        {draft.targets.map((target, i) => {
          const targetName = t('planning.objectives.targetNumbered', { n: i + 1 });
          return (
            <Fieldset key={target.key} legend={targetName} p="sm">
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap">
                  <NativeSelect
                    label={t('planning.objectives.capability')}
                    value={target.coreCapabilityId}
                    data={capabilities.map((c) => ({ value: c.id, label: c.name }))}
                    onChange={(e) => setTarget(i, { coreCapabilityId: e.currentTarget.value })}
                    style={{ flex: 1 }}
                  />
                  <MoveButtons
                    index={i}
                    count={draft.targets.length}
                    name={targetName}
                    onMove={(d) => setTargets(moveItem(draft.targets, i, d))}
                  />
                  <Button
                    size="compact-sm"
                    variant="subtle"
                    color="red"
                    aria-label={t('planning.remove.named', { name: targetName })}
                    onClick={() => setTargets(draft.targets.filter((_, j) => j !== i))}
                  >
                    {t('planning.remove.label')}
                  </Button>
                </Group>
                <TextInput
                  label={t('planning.objectives.targetText')}
                  required
                  value={target.text}
                  onChange={(e) => setTarget(i, { text: e.currentTarget.value })}
                />
                <Paper withBorder p="xs">
                  <Stack gap={6}>
                    {target.tasks.map((task, k) => {
                      const taskName = t('planning.objectives.taskNumbered', { target: i + 1, n: k + 1 });
                      const setTasks = (tasks: TargetDraft['tasks']) => setTarget(i, { tasks });
                      return (
                        <Stack key={task.key} gap={4}>
                          <Group align="flex-end" wrap="nowrap">
                            <TextInput
                              label={taskName}
                              required
                              value={task.text}
                              onChange={(e) =>
                                setTasks(
                                  target.tasks.map((x, j) =>
                                    j === k ? { ...x, text: e.currentTarget.value } : x,
                                  ),
                                )
                              }
                              style={{ flex: 1 }}
                            />
                            <MoveButtons
                              index={k}
                              count={target.tasks.length}
                              name={taskName}
                              onMove={(d) => setTasks(moveItem(target.tasks, k, d))}
                            />
                            <Button
                              size="compact-sm"
                              variant="subtle"
                              color="red"
                              aria-label={t('planning.remove.named', { name: taskName })}
                              onClick={() => setTasks(target.tasks.filter((_, j) => j !== k))}
                            >
                              {t('planning.remove.label')}
                            </Button>
                          </Group>
                          <CriterionEditor
                            name={taskName}
                            value={task.criterion}
                            onChange={(criterion) =>
                              setTasks(target.tasks.map((x, j) => (j === k ? { ...x, criterion } : x)))
                            }
                            injects={injects}
                            teams={teams}
                            errors={errorsOf(i, k)}
                          />
                        </Stack>
                      );
                    })}
                    <Button
                      size="compact-sm"
                      variant="light"
                      style={{ alignSelf: 'flex-start' }}
                      onClick={() => setTarget(i, { tasks: [...target.tasks, newTask()] })}
                    >
                      {t('planning.objectives.addTask')}
                    </Button>
                  </Stack>
                </Paper>
              </Stack>
            </Fieldset>
          );
        })}
        <Button
          variant="light"
          style={{ alignSelf: 'flex-start' }}
          disabled={capabilities.length === 0}
          onClick={() =>
            setTargets([
              ...draft.targets,
              { key: newKey(), coreCapabilityId: capabilities[0]?.id ?? '', text: '', tasks: [] },
            ])
          }
        >
          {t('planning.objectives.addTarget')}
        </Button>
        <ProblemAlert error={save.error} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('planning.objectives.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
