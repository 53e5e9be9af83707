import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMsel } from '../../../api/msel';
import type { ExercisePlan, MselEvent, MselFinding } from '../../../api/planningTypes';
import { useSession } from '../../../auth/useSession';
import { QueryState } from '../../../components/QueryState';
import { SpreadsheetActions } from '../imports/SpreadsheetActions';
import { EventModal } from './EventModal';
import { FindingsList } from './FindingsList';
import { MselFilters } from './MselFilters';
import { MselGrid } from './MselGrid';
import { MselMessages } from './MselMessages';
import { MselTimeline } from './MselTimeline';
import { MselToolbar } from './MselToolbar';
import { filterEvents, NO_FILTER, type MselFilter } from './mselFilter';
import { taskLinks } from './taskLinks';
import { useMselActions } from './useMselActions';
import { useExerciseCan } from '../ExerciseAccess';

/** The MSEL: a grid to edit and approve, and the same injects on a timeline per team. */
export function MselTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const exercise = plan.exercise;
  const msel = useMsel(exercise.id);
  const canPlan = useExerciseCan('plan');
  const canApprove = useExerciseCan('approveMsel');
  const me = useSession().user.id;
  const [view, setView] = useState<'grid' | 'timeline'>('grid');
  const [filter, setFilter] = useState<MselFilter>(NO_FILTER);
  // 'new' for a new event, or the event whose every field is open in the form.
  const [editing, setEditing] = useState<'new' | MselEvent | null>(null);
  const actions = useMselActions(exercise.id, msel.data?.events ?? []);

  const events = msel.data?.events;
  const tasks = useMemo(() => taskLinks(plan.objectives), [plan.objectives]);
  const shown = useMemo(() => filterEvents(events ?? [], filter), [events, filter]);
  const findings = useMemo(() => {
    const byEvent = new Map<string, MselFinding[]>();
    for (const f of msel.data?.findings ?? []) {
      if (!f.eventId) continue;
      byEvent.set(f.eventId, [...(byEvent.get(f.eventId) ?? []), f]);
    }
    for (const list of byEvent.values()) list.sort((a, b) => a.severity.localeCompare(b.severity));
    return byEvent;
  }, [msel.data?.findings]);

  return (
    <QueryState query={msel}>
      {(data) => (
        <Stack gap="sm">
          <MselToolbar msel={data} exercise={exercise} canPlan={canPlan} canApprove={canApprove} />
          <SpreadsheetActions exerciseId={exercise.id} kind="msel" />
          <FindingsList findings={data.findings.filter((f) => !f.eventId)} />
          <MselMessages actions={actions} />
          <Group justify="space-between" align="flex-end" wrap="wrap">
            <MselFilters filter={filter} teams={plan.teams} onChange={setFilter} />
            <Group gap="sm">
              <SegmentedControl
                aria-label={t('planning.msel.view')}
                value={view}
                onChange={(v) => setView(v === 'timeline' ? 'timeline' : 'grid')}
                data={[
                  { value: 'grid', label: t('planning.msel.viewGrid') },
                  { value: 'timeline', label: t('planning.msel.viewTimeline') },
                ]}
              />
              {canPlan && <Button onClick={() => setEditing('new')}>{t('planning.msel.add')}</Button>}
            </Group>
          </Group>
          <Text size="sm" aria-live="polite">
            {t('planning.msel.shown', { count: shown.length, total: data.events.length })}
          </Text>
          {view === 'grid' ? (
            <MselGrid
              events={shown}
              findings={findings}
              teams={plan.teams}
              tasks={tasks}
              startex={exercise.startex}
              zone={exercise.timeZone}
              meId={me}
              canPlan={canPlan}
              canApprove={canApprove}
              on={{ ...actions.on, edit: setEditing }}
            />
          ) : (
            <MselTimeline events={shown} plan={plan} />
          )}
          {editing && (
            <EventModal
              plan={plan}
              events={data.events}
              event={editing === 'new' ? null : editing}
              onClose={() => setEditing(null)}
            />
          )}
        </Stack>
      )}
    </QueryState>
  );
}
