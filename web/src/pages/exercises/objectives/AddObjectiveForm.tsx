import { Button, Fieldset, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import type { CoreCapability } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';

interface Props {
  exerciseId: string;
  capabilities: CoreCapability[];
}

/** One objective with one capability target; critical tasks are typed one per line. */
export function AddObjectiveForm({ exerciseId, capabilities }: Props) {
  const { t } = useTranslation();
  const add = useAddToPlan(exerciseId, 'objectives');
  const [text, setText] = useState('');
  const [capability, setCapability] = useState('');
  const [target, setTarget] = useState('');
  const [tasks, setTasks] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const criticalTasks = tasks
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    add.mutate(
      {
        text: text.trim(),
        capabilityTargets: capability
          ? [{ coreCapabilityId: capability, text: target.trim() || text.trim(), criticalTasks }]
          : [],
      },
      {
        onSuccess: () => {
          setText('');
          setTarget('');
          setTasks('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.objectives.add')} maw={760}>
        <Stack gap="sm">
          <Textarea
            label={t('planning.objectives.text')}
            description={t('planning.objectives.smart')}
            required
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.objectives.capability')}
            value={capability}
            data={[
              { value: '', label: t('planning.objectives.noCapability') },
              ...capabilities.map((c) => ({ value: c.id, label: c.name })),
            ]}
            onChange={(e) => setCapability(e.currentTarget.value)}
          />
          <TextInput
            label={t('planning.objectives.targetText')}
            disabled={!capability}
            value={target}
            onChange={(e) => setTarget(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.objectives.tasks')}
            description={t('planning.objectives.tasksHint')}
            disabled={!capability}
            autosize
            minRows={2}
            value={tasks}
            onChange={(e) => setTasks(e.currentTarget.value)}
          />
          <ProblemAlert error={add.error} />
          <Button type="submit" loading={add.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('planning.objectives.addSubmit')}
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}
