import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddUnit } from '../../api/organisations';
import type { Organisation } from '../../api/types';
import { ProblemAlert } from '../../components/ProblemAlert';

export function AddUnitModal({ organisation, onClose }: { organisation: Organisation; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddUnit();
  const [name, setName] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ organisationId: organisation.id, name: name.trim() }, { onSuccess: onClose });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={t('organisations.addUnitTo', { name: organisation.name })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('organisations.unitName')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <ProblemAlert error={add.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending}>
              {t('organisations.addUnit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
