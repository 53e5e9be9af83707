import { Button, Fieldset, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddToPlan } from '../../../api/exercises';
import type { Organisation } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { organisationOptions } from './organisationOptions';

export function AddTeamForm({
  exerciseId,
  organisations,
}: {
  exerciseId: string;
  organisations: Organisation[];
}) {
  const { t } = useTranslation();
  const add = useAddToPlan(exerciseId, 'teams');
  const [name, setName] = useState('');
  const [organisationId, setOrganisationId] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { name: name.trim(), organisationId: organisationId || null },
      { onSuccess: () => setName('') },
    );
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.participants.addTeam')} maw={760}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('planning.participants.teamName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.organisation')}
            value={organisationId}
            data={organisationOptions(organisations, t, 'planning.participants.noOrganisation')}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
          />
          <Button type="submit" loading={add.isPending}>
            {t('planning.participants.addTeamSubmit')}
          </Button>
        </Group>
        <ProblemAlert error={add.error} />
      </Fieldset>
    </form>
  );
}
