import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import {
  EXERCISE_HAZARDS,
  LESSON_KINDS,
  useLessonFilters,
  useLessons,
  type Lesson,
  type LessonSearch,
} from '../../api/lessons';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';
import { useCapabilityWords } from '../../i18n/capabilities';
import { formatInstant } from '../../components/DateTime';

const KIND_COLOUR = {
  observation: STATUS.neutral,
  strength: STATUS.ok,
  improvement: STATUS.warning,
} as const;

/** "Strength 1.2", "Area for improvement 1.1" or "Observation", in the reader's language. */
export function LessonKindBadge({ lesson }: { lesson: Pick<Lesson, 'kind' | 'reference'> }) {
  const { t } = useTranslation();
  return (
    <Badge color={KIND_COLOUR[lesson.kind]} variant="light">
      {t(`lessons.kind.${lesson.kind}`)}
      {lesson.reference ? ` ${lesson.reference}` : ''}
    </Badge>
  );
}

function LessonCard({ lesson }: { lesson: Lesson }) {
  const { t, i18n } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="lesson">
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <LessonKindBadge lesson={lesson} />
          <Text size="sm" c="dimmed">
            {formatInstant(i18n.language, lesson.exercise.startex, { only: 'date' })}
          </Text>
        </Group>
        <Text style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
          {lesson.snippet.map((p, i) =>
            p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
          )}
        </Text>
        <Text size="sm">
          <Anchor component={Link} underline="always" to={`/exercises/${lesson.exercise.id}/findings`}>
            {lesson.exercise.name}
          </Anchor>
          {[
            lesson.exercise.city,
            lesson.exercise.hazard ? t(`lessons.hazard.${lesson.exercise.hazard}`) : null,
            ...lesson.capabilities.map((c) => capabilityName(c.id, c.name)),
          ]
            .filter(Boolean)
            .map((x) => ` · ${x}`)
            .join('')}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Lessons learned across past exercises: what evaluators saw and concluded, found by its words. */
export function LessonsPage() {
  const { t } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  const filters = useLessonFilters();
  const [draft, setDraft] = useState<LessonSearch>({ q: '' });
  const [search, setSearch] = useState<LessonSearch | null>(null);
  const results = useLessons(search);
  const set = (k: keyof LessonSearch) => (v: string | null) =>
    setDraft((d) => ({ ...d, [k]: v || undefined }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.q.trim()) setSearch({ ...draft, q: draft.q.trim() });
  };
  const f = filters.data;
  return (
    <Stack>
      <PageTitle title={t('lessons.title')} />
      <Text c="dimmed">{t('lessons.intro')}</Text>
      <form onSubmit={submit} role="search" aria-label={t('lessons.title')}>
        <Stack>
          <Group align="end">
            <TextInput
              style={{ flex: 1 }}
              label={t('lessons.query')}
              description={t('lessons.queryHelp')}
              value={draft.q}
              maxLength={300}
              onChange={(e) => {
                // Read now: React clears currentTarget before a deferred state update runs.
                const q = e.currentTarget.value;
                setDraft((d) => ({ ...d, q }));
              }}
            />
            <Button type="submit" disabled={!draft.q.trim()}>
              {t('lessons.search')}
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
            <Select
              label={t('lessons.filter.kind')}
              clearable
              data={LESSON_KINDS.map((k) => ({ value: k, label: t(`lessons.kind.${k}`) }))}
              value={draft.kind ?? null}
              onChange={set('kind')}
            />
            <Select
              label={t('lessons.filter.capability')}
              clearable
              searchable
              data={(f?.capabilities ?? []).map((c) => ({
                value: c.id,
                label: capabilityName(c.id, c.name),
              }))}
              value={draft.capabilityId ?? null}
              onChange={set('capabilityId')}
            />
            <Select
              label={t('lessons.filter.hazard')}
              clearable
              data={EXERCISE_HAZARDS.map((h) => ({ value: h, label: t(`lessons.hazard.${h}`) }))}
              value={draft.hazard ?? null}
              onChange={set('hazard')}
            />
            <Select
              label={t('lessons.filter.organisation')}
              clearable
              searchable
              data={(f?.organisations ?? []).map((o) => ({ value: o.id, label: o.name }))}
              value={draft.organisationId ?? null}
              onChange={set('organisationId')}
            />
            <Select
              label={t('lessons.filter.city')}
              clearable
              searchable
              data={f?.cities ?? []}
              value={draft.city ?? null}
              onChange={set('city')}
            />
          </SimpleGrid>
        </Stack>
      </form>
      {results.error ? <ProblemAlert error={results.error} /> : null}
      {results.data && (
        <Stack gap="xs" aria-label={t('lessons.results')} aria-live="polite">
          <Text fw={700}>
            {results.data.items.length === 0
              ? t('lessons.none')
              : t('lessons.found', { count: results.data.items.length })}
            {results.data.more ? ` ${t('lessons.more')}` : ''}
          </Text>
          {results.data.items.map((l) => (
            <LessonCard key={`${l.kind}-${l.id}`} lesson={l} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}
