import { Button, Group, Modal, Stack } from '@mantine/core';
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
import { AreaNamesAndExpiry, localInput } from './AreaNamesAndExpiry';
import { AlertAreaPicker, EMPTY_AREA, areaOf, type AreaState } from './AlertAreaPicker';

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
          <AreaNamesAndExpiry names={names} onNames={setNames} expires={expires} onExpires={setExpires} />
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
