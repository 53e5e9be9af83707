import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  MultiSelect,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveSurvey, type Survey, type SurveyQuestion } from '../../../api/survey';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { wordingIn } from './text';

const ROLES = ['player', 'controller', 'evaluator', 'observer', 'director'] as const;
const KINDS = ['rating', 'yes-no', 'text'] as const;
type Lang = 'kk' | 'ru' | 'en';

/**
 * The planners' editor of the questions before ENDEX: each question's wording in the reader's
 * language (the other languages kept as they are), its kind, whom it asks and whether it must be
 * answered. After ENDEX it shows the questions as they went out.
 */
export function SurveyEditor({ survey }: { survey: Survey }) {
  const { t, i18n } = useTranslation();
  const lang = (['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'en') as Lang;
  const save = useSaveSurvey(survey.exerciseId);
  const [questions, setQuestions] = useState<SurveyQuestion[]>(survey.questions);
  const change = (i: number, patch: Partial<SurveyQuestion>) =>
    setQuestions((old) => old.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  if (!survey.editable)
    return (
      <Stack gap="xs">
        <Text c="dimmed">{survey.sentAt ? t('survey.editor.sent') : t('survey.editor.readOnly')}</Text>
        {survey.questions.map((q) => (
          <Group key={q.id} gap="xs">
            <Badge variant="light">{t(`survey.kinds.${q.kind}`)}</Badge>
            <Text size="sm">{wordingIn(q.text, i18n.language)}</Text>
          </Group>
        ))}
      </Stack>
    );

  const add = () =>
    setQuestions((old) => [
      ...old,
      {
        id: `q-${old.length + 1}-${Date.now().toString(36)}`,
        kind: 'text',
        roles: [...ROLES],
        required: false,
        text: {},
      },
    ]);

  return (
    <Stack gap="sm">
      {questions.map((q, i) => (
        <Card key={q.id} withBorder padding="sm">
          <Stack gap="xs">
            <TextInput
              label={t('survey.editor.wording')}
              value={q.text[lang] ?? ''}
              placeholder={wordingIn(q.text, lang)}
              onChange={(e) => change(i, { text: { ...q.text, [lang]: e.currentTarget.value } })}
            />
            <Group gap="sm" align="flex-end">
              <Select
                label={t('survey.editor.kind')}
                data={KINDS.map((k) => ({ value: k, label: t(`survey.kinds.${k}`) }))}
                value={q.kind}
                allowDeselect={false}
                onChange={(v) => v && change(i, { kind: v as SurveyQuestion['kind'] })}
                w={160}
              />
              <MultiSelect
                label={t('survey.editor.roles')}
                data={ROLES.map((r) => ({ value: r, label: t(`survey.roles.${r}`) }))}
                value={q.roles}
                onChange={(v) => change(i, { roles: v as SurveyQuestion['roles'] })}
                style={{ flex: 1 }}
              />
              <Switch
                label={t('survey.editor.required')}
                checked={q.required}
                onChange={(e) => change(i, { required: e.currentTarget.checked })}
              />
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('survey.editor.remove')}
                onClick={() => setQuestions((old) => old.filter((_, j) => j !== i))}
              >
                ×
              </ActionIcon>
            </Group>
          </Stack>
        </Card>
      ))}
      <ProblemAlert error={save.error} />
      <Group>
        <Button variant="default" onClick={add}>
          {t('survey.editor.add')}
        </Button>
        <Button onClick={() => save.mutate({ version: survey.version, questions })} loading={save.isPending}>
          {t('survey.editor.save')}
        </Button>
      </Group>
    </Stack>
  );
}
