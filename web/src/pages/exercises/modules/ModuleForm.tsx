import { Button, Fieldset, Group, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan, useReplaceInPlan } from '../../../api/exercises';
import type { ScenarioModule, ScenarioModuleInput } from '../../../api/planningTypes';
import { ProblemAlert } from '../../../components/ProblemAlert';

interface Props {
  exerciseId: string;
  /** The module to change; without it the form adds one at the end. */
  module?: ScenarioModule | null;
  onDone?: () => void;
}

/** Title, the narrative the facilitator reads out, and the discussion questions, one per line. */
export function ModuleForm({ exerciseId, module = null, onDone }: Props) {
  const { t } = useTranslation();
  const add = useAddToPlan<ScenarioModuleInput>(exerciseId, 'modules');
  const replace = useReplaceInPlan<ScenarioModuleInput>(exerciseId, 'modules');
  const save = module ? replace : add;
  const [title, setTitle] = useState(module?.title ?? '');
  const [narrative, setNarrative] = useState(module?.narrative ?? '');
  const [questions, setQuestions] = useState(module?.questions.join('\n') ?? '');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      title: title.trim(),
      narrative: narrative.trim(),
      questions: questions
        .split('\n')
        .map((q) => q.trim())
        .filter(Boolean),
    };
    const done = () => {
      onDone?.();
      if (module) return;
      setTitle('');
      setNarrative('');
      setQuestions('');
    };
    if (module) replace.mutate({ itemId: module.id, input }, { onSuccess: done });
    else add.mutate(input, { onSuccess: done });
  };

  return (
    <form onSubmit={submit}>
      <Fieldset
        legend={module ? t('planning.modules.edit', { title: module.title }) : t('planning.modules.add')}
        maw={860}
      >
        <Stack gap="sm">
          <TextInput
            label={t('planning.modules.title')}
            required
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.modules.narrative')}
            description={t('planning.modules.narrativeHint')}
            required
            autosize
            minRows={3}
            value={narrative}
            onChange={(e) => setNarrative(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.modules.questions')}
            description={t('planning.modules.questionsHint')}
            autosize
            minRows={2}
            value={questions}
            onChange={(e) => setQuestions(e.currentTarget.value)}
          />
          <ProblemAlert error={save.error} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              {module ? t('planning.modules.save') : t('planning.modules.addSubmit')}
            </Button>
            {module && (
              <Button variant="default" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            )}
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
