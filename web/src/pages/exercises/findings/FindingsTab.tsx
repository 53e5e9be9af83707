import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useExercise } from '../../../api/exercises';
import { useExerciseImprovement, type ImprovementItem } from '../../../api/improvement';
import { useFindingChanges, useFindings, type CapabilityFindings } from '../../../api/lessons';
import { useObservations, type Observation } from '../../../api/observations';
import { useCan } from '../../../auth/useSession';
import { QueryState } from '../../../components/QueryState';
import { RaiseImprovementModal, type RaisePrefill } from '../../improvement/RaiseImprovementModal';
import { LessonKindBadge } from '../../lessons/LessonsPage';
import { FindingForm, type FindingValues } from './FindingForm';
import { useCapabilityWords } from '../../../i18n/capabilities';

type Entry = CapabilityFindings['strengths'][number];
type Editing = { capabilityId: string; id: string | null } | null;

function FindingCard({
  entry,
  kind,
  observations,
  canWrite,
  raised,
  onEdit,
  onRemove,
  onRaise,
}: {
  entry: Entry;
  kind: 'strength' | 'improvement';
  observations: Observation[];
  canWrite: boolean;
  /** The improvement items raised from this area for improvement. */
  raised: ImprovementItem[];
  onEdit: () => void;
  onRemove: () => void;
  /** Given to those who manage the improvement plan, for an area for improvement only. */
  onRaise: (() => void) | null;
}) {
  const { t } = useTranslation();
  const evidence = observations.filter((o) => entry.observationIds.includes(o.id));
  return (
    <Paper withBorder p="sm" radius="md" data-testid="finding">
      <Stack gap={4}>
        <LessonKindBadge lesson={{ kind, reference: entry.reference }} />
        <Text fw={600} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {entry.text}
        </Text>
        {entry.analysis && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {entry.analysis}
          </Text>
        )}
        {evidence.map((o) => (
          <Text key={o.id} size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {t('findings.restsOn', { time: o.exerciseTime, text: o.text })}
          </Text>
        ))}
        {raised.map((i) => (
          <Text key={i.id} size="sm" data-testid="raised-item" style={{ overflowWrap: 'anywhere' }}>
            {t('improvement.raise.raisedAs', { status: t(`improvement.status.${i.status}`) })}{' '}
            <Anchor component={Link} to="/improvement" size="sm">
              {i.correctiveAction}
            </Anchor>
          </Text>
        ))}
        {(canWrite || onRaise) && (
          <Group gap="xs">
            {onRaise && (
              <Button
                size="xs"
                variant="filled"
                onClick={onRaise}
                aria-label={t('improvement.raise.fromFindingNamed', { finding: entry.reference })}
              >
                {t('improvement.raise.fromFinding')}
              </Button>
            )}
            {canWrite && (
              <>
                <Button size="xs" variant="light" onClick={onEdit}>
                  {t('findings.edit')}
                </Button>
                <Button size="xs" variant="subtle" color="red" onClick={onRemove}>
                  {t('findings.remove')}
                </Button>
              </>
            )}
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * The items raised from an area for improvement: of its capability, and from one of the
 * observations it rests on or worded as it is.
 */
const raisedFrom = (items: ImprovementItem[], capabilityId: string, entry: Entry): ImprovementItem[] =>
  items.filter(
    (i) =>
      i.capabilityId === capabilityId &&
      ((i.observationId !== null && entry.observationIds.includes(i.observationId)) ||
        i.issue === entry.text),
  );

/** Strengths and areas for improvement per core capability, written from the observations. */
export function FindingsTab({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const { name: capabilityName } = useCapabilityWords();
  const findings = useFindings(exerciseId);
  const observations = useObservations(exerciseId, true).data?.items ?? [];
  const canWrite = useCan('findings:write');
  const canRaise = useCan('improvement:manage');
  const readsPlan = useCan('improvement:read');
  const exercise = useExercise(exerciseId).data;
  const items = useExerciseImprovement(exerciseId, readsPlan).data?.raised ?? [];
  const [raising, setRaising] = useState<RaisePrefill | null>(null);
  const changes = useFindingChanges(exerciseId);
  const [editing, setEditing] = useState<Editing>(null);
  const active = editing?.id ? changes.update : changes.create;

  const save = (c: CapabilityFindings, entry: Entry | null) => (v: FindingValues) => {
    const done = { onSuccess: () => setEditing(null) };
    if (entry)
      changes.update.mutate(
        {
          id: entry.id,
          version: entry.version,
          text: v.text,
          analysis: v.analysis,
          observationIds: v.observationIds,
        },
        done,
      );
    else changes.create.mutate({ capabilityId: c.capabilityId, ...v }, done);
  };

  return (
    <QueryState query={findings}>
      {(data) => (
        <Stack>
          <RaiseImprovementModal
            opened={raising !== null}
            prefill={raising ?? {}}
            onClose={() => setRaising(null)}
          />
          <Text c="dimmed">{t('findings.intro')}</Text>
          {data.items.length === 0 && <Text>{t('findings.noCapabilities')}</Text>}
          {data.items.map((c) => {
            const form = (entry: Entry | null, kind: FindingValues['kind']) => (
              <FindingForm
                initial={{
                  kind,
                  text: entry?.text ?? '',
                  analysis: entry?.analysis ?? '',
                  observationIds: entry?.observationIds ?? [],
                }}
                newOne={!entry}
                observations={observations}
                pending={active.isPending}
                error={active.error}
                onSave={save(c, entry)}
                onCancel={() => setEditing(null)}
              />
            );
            const column = (kind: 'strength' | 'improvement', entries: Entry[]) => (
              <Stack gap="xs">
                <Text fw={700}>
                  {t(kind === 'strength' ? 'findings.strengths' : 'findings.improvements')}
                </Text>
                {entries.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('findings.none')}
                  </Text>
                )}
                {entries.map((e) =>
                  editing?.id === e.id ? (
                    <Paper key={e.id} withBorder p="sm">
                      {form(e, kind)}
                    </Paper>
                  ) : (
                    <FindingCard
                      key={e.id}
                      entry={e}
                      kind={kind}
                      observations={observations}
                      canWrite={canWrite}
                      raised={kind === 'improvement' ? raisedFrom(items, c.capabilityId, e) : []}
                      onRaise={
                        kind === 'improvement' && canRaise
                          ? () =>
                              setRaising({
                                exerciseId,
                                capabilityId: c.capabilityId,
                                observationId: e.observationIds[0] ?? null,
                                issue: e.text,
                                organisationId: exercise?.leadOrganisationId ?? null,
                              })
                          : null
                      }
                      onEdit={() => setEditing({ capabilityId: c.capabilityId, id: e.id })}
                      onRemove={() => {
                        if (window.confirm(t('findings.confirmRemove'))) changes.remove.mutate(e.id);
                      }}
                    />
                  ),
                )}
              </Stack>
            );
            return (
              <Paper
                key={c.capabilityId}
                withBorder
                p="md"
                radius="md"
                aria-label={capabilityName(c.capabilityId, c.capabilityName)}
              >
                <Stack>
                  <Title order={3} size="h4">
                    {c.number}. {capabilityName(c.capabilityId, c.capabilityName)}
                  </Title>
                  <SimpleGrid cols={{ base: 1, md: 2 }}>
                    {column('strength', c.strengths)}
                    {column('improvement', c.improvements)}
                  </SimpleGrid>
                  {canWrite &&
                    (editing?.capabilityId === c.capabilityId && editing.id === null ? (
                      form(null, 'strength')
                    ) : (
                      <Group>
                        <Button
                          variant="light"
                          onClick={() => setEditing({ capabilityId: c.capabilityId, id: null })}
                        >
                          {t('findings.add')}
                        </Button>
                      </Group>
                    ))}
                </Stack>
              </Paper>
            );
          })}
        </Stack>
      )}
    </QueryState>
  );
}
