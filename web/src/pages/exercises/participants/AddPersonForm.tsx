import { Button, Fieldset, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import { EXERCISE_ROLES, type ExercisePlan } from '../../../api/planningTypes';
import type { Organisation } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { organisationOptions } from './organisationOptions';

export function AddPersonForm({
  plan,
  organisations,
}: {
  plan: ExercisePlan;
  organisations: Organisation[];
}) {
  const { t } = useTranslation();
  const add = useAddToPlan(plan.exercise.id, 'people');
  const [name, setName] = useState('');
  const [role, setRole] = useState<string>('player');
  const [teamId, setTeamId] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [contact, setContact] = useState('');
  const [venueId, setVenueId] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        name: name.trim(),
        role,
        teamId: teamId || null,
        organisationId: organisationId || null,
        contact: contact.trim() || null,
        venueId: venueId || null,
      },
      {
        onSuccess: () => {
          setName('');
          setContact('');
        },
      },
    );
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.participants.addPerson')} maw={960}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('planning.participants.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.role')}
            value={role}
            data={EXERCISE_ROLES.map((r) => ({ value: r, label: t(`planning.exerciseRoles.${r}`) }))}
            onChange={(e) => setRole(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.team')}
            value={teamId}
            data={[
              { value: '', label: t('planning.participants.noTeam') },
              ...plan.teams.map((x) => ({ value: x.id, label: x.name })),
            ]}
            onChange={(e) => setTeamId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.venue')}
            value={venueId}
            data={[
              { value: '', label: t('planning.participants.noVenue') },
              ...plan.venues.map((x) => ({ value: x.id, label: x.name })),
            ]}
            onChange={(e) => setVenueId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.organisation')}
            value={organisationId}
            data={organisationOptions(organisations, t, 'planning.participants.noOrganisation')}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
          />
          <TextInput
            label={t('planning.participants.contact')}
            value={contact}
            onChange={(e) => setContact(e.currentTarget.value)}
          />
          <Button type="submit" loading={add.isPending}>
            {t('planning.participants.addPersonSubmit')}
          </Button>
        </Group>
        <ProblemAlert error={add.error} />
      </Fieldset>
    </form>
  );
}
