import { Anchor, Group, Stack, Tabs } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePlan } from '../../api/exercises';
import { ExerciseAccessProvider } from './ExerciseAccess';
import { PageTitle } from '../../components/PageTitle';
import { PlayLink } from '../play/PlayLink';
import { QueryState } from '../../components/QueryState';
import { ControlRoomTab } from './control/ControlRoomTab';
import { EvaluationTab } from './evaluation/EvaluationTab';
import { HandlingBanner } from './HandlingBanner';
import { NoPlayBanner } from './NoPlayBanner';
import { ModulesTab } from './modules/ModulesTab';
import { MselTab } from './msel/MselTab';
import { ObjectivesTab } from './objectives/ObjectivesTab';
import { MetricsTab } from './metrics/MetricsTab';
import { ObservationsTab } from './observations/ObservationsTab';
import { ReportTab } from './report/ReportTab';
import { FindingsTab } from './findings/FindingsTab';
import { OverviewTab } from './overview/OverviewTab';
import { ParticipantsTab } from './participants/ParticipantsTab';
import { SharingTab } from '../sharing/SharingTab';
import { StatusBadge } from './StatusBadge';
import { VenuesTab } from './venues/VenuesTab';
import { preloadExerciseMap } from './venues/LazyExerciseMap';
import { SurveyLink } from './survey/SurveyLink';
import { EXERCISE_TABS as TABS, type ExerciseTab } from './tabs';

type Tab = ExerciseTab;

/** The tabs named by their own part of the console; the rest are planning's. */
const TAB_LABELS: Partial<Record<Tab, string>> = {
  sharing: 'sharing.tab',
  control: 'conduct.tab',
  observations: 'observations.tab',
  evaluation: 'evaluation.tab',
  findings: 'findings.tab',
  metrics: 'metrics.tab',
  report: 'report.tab',
};

/** One exercise, a tab per part of the plan; the tab is in the address so it can be linked and reloaded. */
export function ExercisePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { exerciseId = '', tab } = useParams();
  const plan = usePlan(exerciseId);
  // These tabs draw a map: its code loads beside the plan rather than after it, and on the other
  // tabs once the page is idle, so that opening a map tab does not wait for it.
  useEffect(() => {
    if (tab === 'venues' || tab === 'control') {
      preloadExerciseMap();
      return;
    }
    // Safari has no requestIdleCallback: a timer stands in for it there.
    if (!('requestIdleCallback' in window)) {
      const timer = setTimeout(preloadExerciseMap, 2000);
      return () => clearTimeout(timer);
    }
    const idle = window.requestIdleCallback(preloadExerciseMap, { timeout: 2000 });
    return () => window.cancelIdleCallback(idle);
  }, [tab]);

  return (
    <QueryState query={plan}>
      {(data) => {
        // Players may know an exercise exists but never see its MSEL or scenario modules: those tabs
        // are not offered at all (and the server sends them neither). The server's answer for this
        // exercise counts, so a grant for another organisation offers nothing here.
        const canReadMsel = data.exercise.access.readControllerSide;
        // Observations are the evaluators' and directors' until the report is final (decision 0020).
        const canObserve = data.exercise.access.recordObservations || data.exercise.access.readObservations;
        // The evaluation is read by the same people as observations until the report is final (decision 0028).
        const canEvaluate = data.exercise.access.readObservations;
        const tabs = TABS.filter(
          (x) =>
            (x === 'observations' && canObserve) ||
            (x === 'evaluation' && canEvaluate) ||
            (x === 'findings' && data.exercise.access.readObservations) ||
            (x === 'metrics' && data.exercise.access.readObservations) ||
            (x !== 'observations' &&
              x !== 'evaluation' &&
              x !== 'findings' &&
              x !== 'metrics' &&
              ((x !== 'msel' && x !== 'scenario' && x !== 'control') || canReadMsel)),
        );
        const active: Tab = tabs.find((x) => x === tab) ?? 'overview';
        return (
          <ExerciseAccessProvider access={data.exercise.access}>
            <Stack>
              <NoPlayBanner exercise={data.exercise} />
              <Anchor component={Link} to="/exercises" size="sm">
                {t('planning.exercise.back')}
              </Anchor>
              <PageTitle title={data.exercise.name}>
                <Group gap="xs">
                  <StatusBadge status={data.exercise.status} />
                  <PlayLink exerciseId={exerciseId} />
                  <SurveyLink exerciseId={exerciseId} />
                </Group>
              </PageTitle>
              <HandlingBanner handling={data.exercise.handling} />
              <Tabs
                value={active}
                onChange={(value) => navigate(`/exercises/${exerciseId}/${value ?? 'overview'}`)}
                keepMounted={false}
              >
                <Tabs.List>
                  {tabs.map((x) => (
                    <Tabs.Tab key={x} value={x}>
                      {t(TAB_LABELS[x] ?? `planning.tabs.${x}`)}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
                <Tabs.Panel value="overview" pt="md">
                  <OverviewTab exercise={data.exercise} />
                </Tabs.Panel>
                <Tabs.Panel value="objectives" pt="md">
                  <ObjectivesTab plan={data} />
                </Tabs.Panel>
                <Tabs.Panel value="venues" pt="md">
                  <VenuesTab plan={data} />
                </Tabs.Panel>
                <Tabs.Panel value="participants" pt="md">
                  <ParticipantsTab plan={data} />
                </Tabs.Panel>
                {canReadMsel && (
                  <Tabs.Panel value="msel" pt="md">
                    <MselTab plan={data} />
                  </Tabs.Panel>
                )}
                {canReadMsel && (
                  <Tabs.Panel value="scenario" pt="md">
                    <ModulesTab plan={data} />
                  </Tabs.Panel>
                )}
                {canReadMsel && (
                  <Tabs.Panel value="control" pt="md">
                    <ControlRoomTab exerciseId={exerciseId} />
                  </Tabs.Panel>
                )}
                {canObserve && (
                  <Tabs.Panel value="observations" pt="md">
                    <ObservationsTab plan={data} />
                  </Tabs.Panel>
                )}
                {canEvaluate && (
                  <Tabs.Panel value="evaluation" pt="md">
                    <EvaluationTab plan={data} />
                  </Tabs.Panel>
                )}
                <Tabs.Panel value="report" pt="md">
                  <ReportTab exerciseId={exerciseId} />
                </Tabs.Panel>
                {data.exercise.access.readObservations && (
                  <Tabs.Panel value="metrics" pt="md">
                    <MetricsTab exerciseId={exerciseId} teams={data.teams} />
                  </Tabs.Panel>
                )}
                {data.exercise.access.readObservations && (
                  <Tabs.Panel value="findings" pt="md">
                    <FindingsTab exerciseId={exerciseId} />
                  </Tabs.Panel>
                )}
                <Tabs.Panel value="sharing" pt="md">
                  <SharingTab exercise={data.exercise} />
                </Tabs.Panel>
              </Tabs>
            </Stack>
          </ExerciseAccessProvider>
        );
      }}
    </QueryState>
  );
}
