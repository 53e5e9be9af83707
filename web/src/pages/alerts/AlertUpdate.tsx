import { Button, Group, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useChangeDraft,
  useStartUpdate,
  useSubmitAlert,
  type Alert,
  type AlertArea,
  type AlertLanguage,
} from '../../api/alerts';
import { ProblemAlert } from '../../components/ProblemAlert';
import { AlertAreaPicker, EMPTY_AREA, areaOf, type AreaState } from './AlertAreaPicker';

const LANGUAGES = ['kk', 'ru', 'en'] as const;

/** The picker's state for an issued alert's area, so an Update starts from where the alert went. */
export function areaStateOf(area: AlertArea): AreaState {
  return area.kind === 'polygon'
    ? { ...EMPTY_AREA, mode: 'draw', ring: area.ring, region: area.region }
    : {
        ...EMPTY_AREA,
        mode: 'circle',
        region: area.region,
        circle: { lat: String(area.lat), lon: String(area.lon), radiusKm: String(area.radiusM / 1000) },
      };
}

/** ISO instant → the value a `datetime-local` field shows, in the browser's zone. */
const localInput = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * An Update of an issued alert in one action: its area (moved, widened, drawn anew or picked), the
 * area's names and the expiry, starting from what was sent; it goes to the approval queue with the
 * original in its references. A try that fails part-way keeps the draft it made and carries on from it.
 */
export function AlertUpdate({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const start = useStartUpdate();
  const change = useChangeDraft();
  const submit = useSubmitAlert();
  const [draft, setDraft] = useState<Alert | null>(null);
  const [area, setArea] = useState<AreaState>(() => areaStateOf(alert.area));
  const [names, setNames] = useState<Record<AlertLanguage, string>>(() => ({
    kk: alert.texts.kk?.areaDesc ?? '',
    ru: alert.texts.ru?.areaDesc ?? '',
    en: alert.texts.en?.areaDesc ?? '',
  }));
  const [expires, setExpires] = useState(() => localInput(alert.expiresAt));

  const send = async () => {
    const started = draft ?? (await start.mutateAsync(alert));
    setDraft(started);
    const changed = await change.mutateAsync({
      draft: started,
      change: { area: areaOf(area), areaNames: names, expiresAt: new Date(expires).toISOString() },
    });
    setDraft(changed);
    await submit.mutateAsync(changed);
    setDraft(null);
    setOpen(false);
  };

  return (
    <>
      <Button size="xs" variant="default" onClick={() => setOpen(true)}>
        {t('alerts.update.open')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} size="xl" title={t('alerts.update.title')}>
        <Stack>
          <AlertAreaPicker value={area} onChange={setArea} onNames={setNames} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            {LANGUAGES.map((l) => (
              <TextInput
                key={l}
                label={t(`alerts.composer.areaName.${l}`)}
                value={names[l]}
                onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
              />
            ))}
          </SimpleGrid>
          <TextInput
            type="datetime-local"
            label={t('alerts.composer.expires')}
            value={expires}
            onChange={(e) => setExpires(e.currentTarget.value)}
          />
          <Group>
            <Button
              onClick={() => void send().catch(() => undefined)}
              loading={start.isPending || change.isPending || submit.isPending}
            >
              {t('alerts.update.submit')}
            </Button>
          </Group>
          <ProblemAlert error={start.error ?? change.error ?? submit.error} />
        </Stack>
      </Modal>
    </>
  );
}
