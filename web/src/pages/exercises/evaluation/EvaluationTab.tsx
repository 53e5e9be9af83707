import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { evaluationKey, printUrl, useGuide, type Guide } from '../../../api/evaluation';
import type { ExercisePlan } from '../../../api/planningTypes';
import { QueryState } from '../../../components/QueryState';
import { Assignments } from './Assignments';
import { EvidenceModal, type EvidenceRef } from './EvidenceModal';
import { RatingForm } from './RatingForm';
import { useCapabilityWords } from '../../../i18n/capabilities';
import { formatInstant } from '../../../components/DateTime';

type Section = Guide['sections'][number];

/** Evidence offered once, though several sections of one capability offer it. */
const unique = (refs: EvidenceRef[]) =>
  refs.filter((r, i) => refs.findIndex((x) => x.kind === r.kind && x.id === r.id) === i);

/**
 * The exercise evaluation guide on screen: a section per capability target (the evaluator's own
 * first), each critical task with the observations that concern it, the injects aimed at it, its
 * rating with the evidence behind it one click away; then the core capabilities (decision 0028).
 */
export function EvaluationTab({ plan }: { plan: ExercisePlan }) {
  const exerciseId = plan.exercise.id;
  const guide = useGuide(exerciseId);
  return <QueryState query={guide}>{(g) => <GuideView guide={g} plan={plan} />}</QueryState>;
}

function GuideView({ guide, plan }: { guide: Guide; plan: ExercisePlan }) {
  const { t, i18n } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  const client = useQueryClient();
  const [open, setOpen] = useState<EvidenceRef | null>(null);
  const refresh = () => void client.invalidateQueries({ queryKey: evaluationKey(guide.exerciseId) });
  const ratingOf = (kind: string, id: string) =>
    guide.ratings.find((r) => r.subjectKind === kind && r.subjectId === id);
  const label = (ref: EvidenceRef): string => {
    if (ref.kind === 'observation') {
      const o = guide.observations.find((x) => x.id === ref.id);
      return o ? `${t('evaluation.kind.observation')} ${o.exerciseTime}: ${o.text.slice(0, 80)}` : ref.id;
    }
    if (ref.kind === 'inject') {
      const i = guide.injects.find((x) => x.id === ref.id);
      return i ? `${t('evaluation.kind.inject')} ${i.number}: ${i.title}` : ref.id;
    }
    const r = guide.reports.find((x) => x.id === ref.id);
    return r ? `${t('evaluation.kind.player_report')} ${r.author}: ${r.text.slice(0, 80)}` : ref.id;
  };
  const offeredFor = (s: Section): EvidenceRef[] => [
    ...[...s.criticalTasks.flatMap((k) => k.observationIds), ...s.objectiveObservationIds].map((id) => ({
      kind: 'observation' as const,
      id,
    })),
    ...s.injectIds.map((id) => ({ kind: 'inject' as const, id })),
    ...guide.reports
      .filter((r) => s.injectIds.includes(r.injectId))
      .map((r) => ({ kind: 'player_report' as const, id: r.id })),
  ];
  const lang = ['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'en';

  const EvidenceLinks = ({ refs }: { refs: EvidenceRef[] }) => (
    <Stack gap={2}>
      {refs.map((ref) => (
        <Anchor
          key={`${ref.kind}:${ref.id}`}
          component="button"
          type="button"
          size="sm"
          onClick={() => setOpen(ref)}
        >
          {label(ref)}
        </Anchor>
      ))}
    </Stack>
  );
  const Current = ({ kind, id }: { kind: string; id: string }) => {
    const r = ratingOf(kind, id);
    if (!r)
      return (
        <Text size="sm" c="dimmed">
          {t('evaluation.notRated')}
        </Text>
      );
    return (
      <Stack gap={4} data-testid="current-rating">
        <Group gap="xs">
          <Badge size="lg">{r.rating}</Badge>
          <Text size="sm">
            {t('evaluation.ratedBy', {
              name: r.rater.name,
              time: formatInstant(i18n.language, r.recordedAt),
              version: r.version,
            })}
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {r.reasoning}
        </Text>
        {r.evidence.length > 0 && <EvidenceLinks refs={r.evidence} />}
      </Stack>
    );
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>{t('evaluation.title')}</Title>
        <Button component="a" href={printUrl(guide.exerciseId, lang)} target="_blank" variant="default">
          {t('evaluation.print')}
        </Button>
      </Group>
      {guide.mayAssign && <Assignments guide={guide} plan={plan} onChanged={refresh} />}
      {guide.sections.length === 0 && <Text c="dimmed">{t('evaluation.empty')}</Text>}
      {guide.sections.map((s) => (
        <Paper key={s.target.id} withBorder p="md" component="section" aria-label={s.target.text}>
          <Stack gap="sm">
            <Group justify="space-between">
              <Title order={4}>{s.target.text}</Title>
              {s.assigned && <Badge variant="light">{t('evaluation.yours')}</Badge>}
            </Group>
            <Text size="sm" c="dimmed">
              {t('evaluation.objective')}: {s.objective.text} · {t('evaluation.capability')}:{' '}
              {capabilityName(s.coreCapability.id, s.coreCapability.name)}
              {s.evaluators.length > 0 && ` · ${t('evaluation.evaluators')}: ${s.evaluators.join(', ')}`}
            </Text>
            <Title order={5}>{t('evaluation.tasks')}</Title>
            {s.criticalTasks.map((k) => (
              <Stack key={k.id} gap={2} pl="sm">
                <Text fw={500}>{k.text}</Text>
                {k.observationIds.length ? (
                  <EvidenceLinks refs={k.observationIds.map((id) => ({ kind: 'observation', id }))} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('evaluation.noObservations')}
                  </Text>
                )}
              </Stack>
            ))}
            {s.injectIds.length > 0 && (
              <>
                <Title order={5}>{t('evaluation.injects')}</Title>
                <EvidenceLinks refs={s.injectIds.map((id) => ({ kind: 'inject', id }))} />
              </>
            )}
            <Title order={5}>{t('evaluation.rating')}</Title>
            <Current kind="capability_target" id={s.target.id} />
            {guide.mayRate && (
              <RatingForm
                key={`${s.target.id}:${ratingOf('capability_target', s.target.id)?.version ?? 0}`}
                guide={guide}
                subject={{ kind: 'capability_target', id: s.target.id }}
                current={ratingOf('capability_target', s.target.id)}
                offered={offeredFor(s)}
                label={label}
                onSaved={refresh}
              />
            )}
          </Stack>
        </Paper>
      ))}
      {guide.coreCapabilities.length > 0 && <Title order={4}>{t('evaluation.capabilities')}</Title>}
      {guide.coreCapabilities.map((c) => (
        <Paper key={c.id} withBorder p="md" component="section" aria-label={capabilityName(c.id, c.name)}>
          <Stack gap="sm">
            <Title order={5}>{capabilityName(c.id, c.name)}</Title>
            <Current kind="core_capability" id={c.id} />
            {guide.mayRate && (
              <RatingForm
                key={`${c.id}:${ratingOf('core_capability', c.id)?.version ?? 0}`}
                guide={guide}
                subject={{ kind: 'core_capability', id: c.id }}
                current={ratingOf('core_capability', c.id)}
                offered={unique(
                  guide.sections.filter((s) => s.coreCapability.id === c.id).flatMap(offeredFor),
                )}
                label={label}
                onSaved={refresh}
              />
            )}
          </Stack>
        </Paper>
      ))}
      <EvidenceModal guide={guide} open={open} onClose={() => setOpen(null)} />
    </Stack>
  );
}
