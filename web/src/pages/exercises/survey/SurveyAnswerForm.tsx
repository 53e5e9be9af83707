import { Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAnswerSurvey, type SurveyForm } from '../../../api/survey';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { wordingIn } from './text';

type Value = number | boolean | string;

/**
 * The participant's questions, answered once: ratings 1–5, yes or no, free text, and the choice to
 * answer anonymously (then the server keeps no account with the answers).
 */
export function SurveyAnswerForm({ form }: { form: SurveyForm }) {
  const { t, i18n } = useTranslation();
  const send = useAnswerSurvey(form.exerciseId);
  const [values, setValues] = useState<Record<string, Value>>({});
  const [anonymous, setAnonymous] = useState(false);
  const set = (id: string, v: Value) => setValues((old) => ({ ...old, [id]: v }));

  if (form.answered)
    return (
      <Text role="status">{form.answered.anonymous ? t('survey.thanksAnonymous') : t('survey.thanks')}</Text>
    );
  if (!form.open) return <Text c="dimmed">{t('survey.notOpen')}</Text>;

  const submit = () => {
    const answers = Object.fromEntries(
      Object.entries(values).filter(([, v]) => !(typeof v === 'string' && !v.trim())),
    );
    send.mutate({ anonymous, answers });
  };

  return (
    <Stack gap="md">
      {form.questions.map((q) => {
        const label = wordingIn(q.text, i18n.language);
        const v = values[q.id];
        switch (q.kind) {
          case 'rating':
            return (
              <Radio.Group
                key={q.id}
                label={label}
                withAsterisk={q.required}
                value={typeof v === 'number' ? String(v) : null}
                onChange={(x) => set(q.id, Number(x))}
                description={t('survey.scale')}
              >
                <Group gap="md" mt={4}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <Radio key={n} value={String(n)} label={String(n)} />
                  ))}
                </Group>
              </Radio.Group>
            );
          case 'yes-no':
            return (
              <Radio.Group
                key={q.id}
                label={label}
                withAsterisk={q.required}
                value={typeof v === 'boolean' ? (v ? 'yes' : 'no') : null}
                onChange={(x) => set(q.id, x === 'yes')}
              >
                <Group gap="md" mt={4}>
                  <Radio value="yes" label={t('survey.yes')} />
                  <Radio value="no" label={t('survey.no')} />
                </Group>
              </Radio.Group>
            );
          default:
            return (
              <Textarea
                key={q.id}
                label={label}
                withAsterisk={q.required}
                autosize
                minRows={2}
                maxLength={2000}
                value={typeof v === 'string' ? v : ''}
                onChange={(e) => set(q.id, e.currentTarget.value)}
              />
            );
        }
      })}
      <Checkbox
        checked={anonymous}
        onChange={(e) => setAnonymous(e.currentTarget.checked)}
        label={t('survey.anonymous')}
        description={t('survey.anonymousHint')}
      />
      <ProblemAlert error={send.error} />
      <Group>
        <Button onClick={submit} loading={send.isPending}>
          {t('survey.send')}
        </Button>
      </Group>
    </Stack>
  );
}
