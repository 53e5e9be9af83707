import { Button, FileInput, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReport, type NewReport } from '../../api/play';
import { ProblemAlert } from '../../components/ProblemAlert';
import { playErrors } from './playErrors';

/** A phone's picture scaled to this many pixels on its long side: enough to see, quick to send. */
const LONG_SIDE = 1600;

const base64Of = (bytes: ArrayBuffer) => {
  let s = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) s += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(s);
};

/**
 * The photo as the API takes it: scaled down to JPEG when the browser can read it as a picture;
 * otherwise as it is, so the server names what is wrong with it.
 */
async function photoOf(file: File): Promise<NonNullable<NewReport['photo']>> {
  try {
    const bitmap = await createImageBitmap(file);
    const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((r) => canvas.toBlob(r, 'image/jpeg', 0.85));
    if (blob) return { type: 'image/jpeg', data: base64Of(await blob.arrayBuffer()) };
  } catch {
    // Not a picture the browser reads: sent as it is.
  }
  return { type: file.type as 'image/png', data: base64Of(await file.arrayBuffer()) };
}

/** Reporting an action on an inject: what was done, and a photo and the player's position if they wish. */
export function ReportForm({ exerciseId, injectId }: { exerciseId: string; injectId: string }) {
  const { t } = useTranslation();
  const report = useReport(exerciseId);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [point, setPoint] = useState<{ latitude: number; longitude: number } | null>(null);
  const [locating, setLocating] = useState<'idle' | 'asking' | 'failed'>('idle');

  const locate = () => {
    setLocating('asking');
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setPoint({ latitude: p.coords.latitude, longitude: p.coords.longitude });
        setLocating('idle');
      },
      () => setLocating('failed'),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };
  const submit = async () => {
    const photo = file ? await photoOf(file) : null;
    report.mutate(
      { injectId, text, photo, location: point },
      {
        onSuccess: () => {
          setText('');
          setFile(null);
          setPoint(null);
        },
      },
    );
  };

  return (
    <Stack gap="xs">
      <Textarea
        label={t('play.report.text')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={4000}
      />
      <FileInput
        label={t('play.report.photo')}
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        value={file}
        onChange={setFile}
        clearable
      />
      <Group gap="xs">
        <Button variant="default" onClick={locate} loading={locating === 'asking'}>
          {t('play.report.locate')}
        </Button>
        {point && (
          <Text size="sm">
            {t('play.at', { lat: point.latitude.toFixed(5), lon: point.longitude.toFixed(5) })}
          </Text>
        )}
        {locating === 'failed' && (
          <Text size="sm" c="dimmed">
            {t('play.report.noLocation')}
          </Text>
        )}
      </Group>
      <ProblemAlert error={report.error} byCode={playErrors(t)} />
      <Button onClick={() => void submit()} disabled={!text.trim()} loading={report.isPending}>
        {t('play.report.send')}
      </Button>
    </Stack>
  );
}
