import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useOrganisations } from '../../../api/organisations';
import type { ExercisePlan } from '../../../api/planningTypes';
import { useCan } from '../../../auth/useSession';
import { SpreadsheetActions } from '../imports/SpreadsheetActions';
import { AddParticipationForm } from './AddParticipationForm';
import { AddPersonForm } from './AddPersonForm';
import { AddTeamForm } from './AddTeamForm';
import { OrganisationsTable } from './OrganisationsTable';
import { PeopleTable } from './PeopleTable';
import { PhoneBookSection } from './PhoneBookSection';
import { TeamsTable } from './TeamsTable';
import { useExerciseCan } from '../ExerciseAccess';

/** Who takes part: organisations and their extent of play, the teams injects go to, and people with roles. */
export function ParticipantsTab({ plan }: { plan: ExercisePlan }) {
  const { t } = useTranslation();
  const canPlan = useExerciseCan('plan');
  // Those who may not read the controllers' side get the people list the policy allows them; say so.
  const limited = !useExerciseCan('readControllerSide');
  const seesContacts = !limited;
  // Planners and those who run the exercise keep it; the server decides per exercise.
  const canKeepPhoneBook = useCan('phonebook:manage');
  // Organisation names need orgs:read; without it the table shows ids rather than a refusal.
  const organisations = useOrganisations(useCan('orgs:read')).data?.items ?? [];
  const orgName = new Map(organisations.map((o) => [o.id, o.shortName ?? o.name]));
  const exerciseId = plan.exercise.id;

  return (
    <Stack>
      <SpreadsheetActions exerciseId={exerciseId} kind="participants" />
      <Title order={2} size="h4">
        {t('planning.participants.organisations')}
      </Title>
      <OrganisationsTable plan={plan} orgName={orgName} />
      {canPlan && <AddParticipationForm exerciseId={exerciseId} organisations={organisations} />}
      <Title order={2} size="h4">
        {t('planning.participants.teams')}
      </Title>
      <TeamsTable plan={plan} orgName={orgName} canPlan={canPlan} />
      {canPlan && <AddTeamForm exerciseId={exerciseId} organisations={organisations} />}
      <Title order={2} size="h4">
        {t('planning.participants.people')}
      </Title>
      {limited && (
        <Text size="sm" c="dimmed">
          {t('planning.participants.limitedView')}
        </Text>
      )}
      <PeopleTable plan={plan} orgName={orgName} canPlan={canPlan} />
      {canPlan && <AddPersonForm plan={plan} organisations={organisations} />}
      {seesContacts && <PhoneBookSection plan={plan} canEdit={canKeepPhoneBook} />}
    </Stack>
  );
}
