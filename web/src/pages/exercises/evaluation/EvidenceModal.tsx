import { Modal, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Guide } from '../../../api/evaluation';
import { formatInstant } from '../../../components/DateTime';

export type EvidenceRef = Guide['ratings'][number]['evidence'][number];

/** One piece of evidence opened: the observation, the inject with its timings, or the player's report. */
export function EvidenceModal({
  guide,
  open,
  onClose,
}: {
  guide: Guide;
  open: EvidenceRef | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const time = (iso: string | null | undefined) => (iso ? formatInstant(i18n.language, iso) : '—');
  // The modal keeps what it showed while it closes, so it is never an unnamed, empty dialog.
  const [shown, setShown] = useState<EvidenceRef | null>(open);
  useEffect(() => {
    if (open) setShown(open);
  }, [open]);
  const observation =
    shown?.kind === 'observation' ? guide.observations.find((o) => o.id === shown.id) : undefined;
  const inject = shown?.kind === 'inject' ? guide.injects.find((i) => i.id === shown.id) : undefined;
  const report = shown?.kind === 'player_report' ? guide.reports.find((r) => r.id === shown.id) : undefined;
  return (
    <Modal
      opened={open !== null}
      onClose={onClose}
      title={shown ? t(`evaluation.kind.${shown.kind}`) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {observation && (
        <Stack gap="xs" data-testid="evidence-observation">
          <Text fw={600}>
            {observation.exerciseTime} · {observation.author}
          </Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{observation.text}</Text>
          <Text size="sm" c="dimmed">
            {time(observation.observedAt)}
          </Text>
        </Stack>
      )}
      {inject && (
        <Stack gap="xs">
          <Text fw={600}>
            {inject.number} · {inject.title}
          </Text>
          <Text size="sm">
            {t('evaluation.fired')}: {time(inject.progress?.firedAt)}
          </Text>
          <Text size="sm">
            {t('evaluation.delivered')}: {time(inject.progress?.deliveredAt)}
          </Text>
          <Text size="sm">
            {t('evaluation.acknowledged')}: {time(inject.progress?.acknowledgedAt)}
          </Text>
          <Text size="sm">
            {t('evaluation.firstAction')}: {time(inject.progress?.firstAction?.at)}
          </Text>
        </Stack>
      )}
      {report && (
        <Stack gap="xs">
          <Text fw={600}>{report.author}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{report.text}</Text>
          <Text size="sm" c="dimmed">
            {time(report.createdAt)}
          </Text>
        </Stack>
      )}
    </Modal>
  );
}
