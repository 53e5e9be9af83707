import { Anchor, Group, Stack, Tabs } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { usePlan } from '../../api/exercises';
import { ExerciseAccessProvider } from './ExerciseAccess';
import { PageTitle } from '../../components/PageTitle';
import { PlayLink } from '../play/PlayLink';
import { QueryState } from '../../components/QueryState';
import { ControlRoomTab } from './control/ControlRoomTab';
import { HandlingBanner } from './HandlingBanner';
import { NoPlayBanner } from './NoPlayBanner';
import { ModulesTab } from './modules/ModulesTab';
import { MselTab } from './msel/MselTab';
import { ObjectivesTab } from './objectives/ObjectivesTab';
import { ObservationsTab } from './observations/ObservationsTab';
import { OverviewTab } from './overview/OverviewTab';
import { ParticipantsTab } from './participants/ParticipantsTab';
import { SharingTab } from '../sharing/SharingTab';
import { StatusBadge } from './StatusBadge';
import { VenuesTab } from './venues/VenuesTab';

const TABS = [
  'overview',
  'objectives',
  'venues',
  'participants',
  'msel',
  'scenario',
  'control',
  'observations',
  'sharing',
] as const;
type Tab = (typeof TABS)[number];

/** One exercise, a tab per part of the plan; the tab is in the address so it can be linked and reloaded. */
export function ExercisePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { exerciseId = '', tab } = useParams();
  const plan = usePlan(exerciseId);

  return (
    <QueryState query={plan}>
      {(data) => {
        // Players may know an exercise exists but never see its MSEL or scenario modules: those tabs
        // are not offered at all (and the server sends them neither). The server's answer for this
        // exercise counts, so a grant for another organisation offers nothing here.
        const canReadMsel = data.exercise.access.readControllerSide;
        // Observations are the evaluators' and directors' until the report is final (decision 0020).
        const canObserve = data.exercise.access.recordObservations || data.exercise.access.readObservations;
        const tabs = TABS.filter(
          (x) =>
            (x === 'observations' && canObserve) ||
            (x !== 'observations' && ((x !== 'msel' && x !== 'scenario' && x !== 'control') || canReadMsel)),
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
                      {t(
                        x === 'sharing'
                          ? 'sharing.tab'
                          : x === 'control'
                            ? 'conduct.tab'
                            : x === 'observations'
                              ? 'observations.tab'
                              : `planning.tabs.${x}`,
                      )}
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
