import { Button, Group, Modal, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateOrganisation } from '../../api/organisations';
import { ORGANISATION_KINDS, type OrganisationKind } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';

export function CreateOrganisationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  const [name, setName] = useState('');
  const [shortName, setShortName] = useState('');
  const [kind, setKind] = useState<OrganisationKind>('police');

  const close = () => {
    setName('');
    setShortName('');
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), shortName: shortName.trim() || undefined, kind },
      { onSuccess: close },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('organisations.create')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('organisations.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label={t('organisations.shortName')}
            value={shortName}
            onChange={(e) => setShortName(e.currentTarget.value)}
          />
          <NativeSelect
            label={t('organisations.kind')}
            data={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`organisations.kinds.${k}`) }))}
            value={kind}
            onChange={(e) => setKind(e.currentTarget.value as OrganisationKind)}
          />
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('organisations.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
