import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SIREN_PURPOSES, type Siren, type SirenBody } from '../../api/contract';
import { useCreateSiren, useUpdateSiren } from '../../api/sirens';
import { ProblemAlert } from '../../components/ProblemAlert';
import { STATUS } from '../../theme';

type Purpose = (typeof SIREN_PURPOSES)[number];

/** Adds a siren, or edits one; after either, shows the new command key once. */
export function SirenModal({ siren, onClose }: { siren: Siren | null; onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateSiren();
  const update = useUpdateSiren();
  const m = siren ? update : create;
  const [name, setName] = useState(siren?.name ?? { kk: '', ru: '', en: '' });
  const [lon, setLon] = useState<number | string>(siren?.lon ?? '');
  const [lat, setLat] = useState<number | string>(siren?.lat ?? '');
  const [prefix, setPrefix] = useState(siren?.topicPrefix ?? '');
  const [purpose, setPurpose] = useState<Purpose>(siren?.purpose ?? 'public');
  const [rotateKey, setRotateKey] = useState(false);
  const [key, setKey] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: SirenBody = {
      name: { kk: name.kk.trim(), ru: name.ru.trim(), en: name.en.trim() },
      lon: Number(lon),
      lat: Number(lat),
      topicPrefix: prefix.trim(),
      purpose,
      organisationId: siren?.organisationId ?? null,
    };
    const done = (r: { commandKey: string | null }) => (r.commandKey ? setKey(r.commandKey) : onClose());
    if (siren) update.mutate({ siren, body, rotateKey }, { onSuccess: done });
    else create.mutate(body, { onSuccess: done });
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={siren ? t('sirens.edit') : t('sirens.add')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {key ? (
        <Stack gap="sm">
          <Alert color={STATUS.warning} title={t('sirens.keyTitle')}>
            <Text size="sm">{t('sirens.keyOnce')}</Text>
          </Alert>
          <Code block data-testid="siren-key">
            {key}
          </Code>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            {(['kk', 'ru', 'en'] as const).map((lang) => (
              <TextInput
                key={lang}
                label={t(`sirens.name.${lang}`)}
                required
                value={name[lang]}
                onChange={(e) => setName({ ...name, [lang]: e.currentTarget.value })}
              />
            ))}
            <Group grow>
              <NumberInput label={t('sirens.lat')} required decimalScale={6} value={lat} onChange={setLat} />
              <NumberInput label={t('sirens.lon')} required decimalScale={6} value={lon} onChange={setLon} />
            </Group>
            <TextInput
              label={t('sirens.prefix')}
              description={t('sirens.prefixHint')}
              required
              value={prefix}
              onChange={(e) => setPrefix(e.currentTarget.value)}
            />
            <NativeSelect
              label={t('sirens.purpose')}
              data={SIREN_PURPOSES.map((p) => ({ value: p, label: t(`sirens.purposes.${p}`) }))}
              value={purpose}
              onChange={(e) => setPurpose(e.currentTarget.value as Purpose)}
            />
            {siren && (
              <Checkbox
                label={t('sirens.rotateKey')}
                checked={rotateKey}
                onChange={(e) => setRotateKey(e.currentTarget.checked)}
              />
            )}
            <ProblemAlert error={m.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={m.isPending}>
                {t('sirens.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
