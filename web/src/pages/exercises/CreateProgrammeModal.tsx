import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateProgramme } from '../../api/exercises';
import { ProblemAlert } from '../../components/ProblemAlert';

export function CreateProgrammeModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateProgramme();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');

  const close = () => {
    setName('');
    setDescription('');
    create.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), description: description.trim() || null }, { onSuccess: close });
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('planning.programme.create')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('planning.programme.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <Textarea
            label={t('planning.programme.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <ProblemAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('planning.programme.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
