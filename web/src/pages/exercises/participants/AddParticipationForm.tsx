import { Button, Fieldset, Group, NativeSelect } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSetParticipation } from '../../../api/exercises';
import { EXTENTS_OF_PLAY } from '../../../api/planningTypes';
import type { Organisation } from '../../../api/types';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { organisationOptions } from './organisationOptions';

export function AddParticipationForm({
  exerciseId,
  organisations,
}: {
  exerciseId: string;
  organisations: Organisation[];
}) {
  const { t } = useTranslation();
  const set = useSetParticipation(exerciseId);
  const [organisationId, setOrganisationId] = useState('');
  const [extent, setExtent] = useState<string>('full');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (organisationId) set.mutate({ organisationId, extentOfPlay: extent });
  };

  return (
    <form onSubmit={submit}>
      <Fieldset legend={t('planning.participants.addOrganisation')} maw={760}>
        <Group align="flex-end" wrap="wrap">
          <NativeSelect
            label={t('planning.participants.organisation')}
            required
            value={organisationId}
            data={organisationOptions(organisations, t, 'planning.participants.chooseOrganisation')}
            onChange={(e) => setOrganisationId(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('planning.participants.extent')}
            value={extent}
            data={EXTENTS_OF_PLAY.map((x) => ({ value: x, label: t(`planning.extent.${x}`) }))}
            onChange={(e) => setExtent(e.currentTarget.value)}
          />
          <Button type="submit" loading={set.isPending}>
            {t('planning.participants.setParticipation')}
          </Button>
        </Group>
        <ProblemAlert error={set.error} />
      </Fieldset>
    </form>
  );
}
