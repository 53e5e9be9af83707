import { Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useClock } from '../../../api/conduct';
import { useInjectProgress, type InjectProgress as Progress } from '../../../api/play';

/** Times in the exercise's own zone, as its wall clock shows them. */
export const clockIn = (timeZone: string) => {
  const f = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (iso: string) => f.format(new Date(iso));
};

/** How long after firing, as "+1:05". */
const after = (from: string, to: string) => {
  const s = Math.max(0, Math.round((Date.parse(to) - Date.parse(from)) / 1000));
  return `+${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

function Step({
  label,
  at,
  from,
  detail,
  clock,
}: {
  label: string;
  at: string | null;
  from: string;
  detail?: string | undefined;
  clock: (iso: string) => string;
}) {
  return (
    <Text size="xs" c={at ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
      {label}: {at ? `${clock(at)} (${after(from, at)})` : '—'}
      {detail ? ` · ${detail}` : ''}
    </Text>
  );
}

function Steps({ p, clock }: { p: Progress; clock: (iso: string) => string }) {
  const { t } = useTranslation();
  return (
    <Stack gap={0} data-testid="inject-progress">
      <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
        {t('play.progress.fired')}: {clock(p.firedAt)}
      </Text>
      <Step
        label={t('play.progress.delivered')}
        at={p.deliveredAt}
        from={p.firedAt}
        clock={clock}
        detail={`${p.delivered}/${p.deliveries}`}
      />
      <Step
        label={t('play.progress.acknowledged')}
        at={p.acknowledgedAt}
        from={p.firedAt}
        clock={clock}
        detail={p.acknowledged ? String(p.acknowledged) : undefined}
      />
      {p.links.sent > 0 ? (
        <Text size="xs" style={{ whiteSpace: 'nowrap' }}>
          {t('play.progress.links', { opened: p.links.opened, sent: p.links.sent })}
        </Text>
      ) : null}
      {p.firstAction ? (
        <Tooltip label={`${p.firstAction.author}: ${p.firstAction.text}`} multiline w={280}>
          <div>
            <Step
              label={t('play.progress.firstAction')}
              at={p.firstAction.at}
              from={p.firedAt}
              clock={clock}
            />
          </div>
        </Tooltip>
      ) : (
        <Step label={t('play.progress.firstAction')} at={null} from={p.firedAt} clock={clock} />
      )}
    </Stack>
  );
}

/**
 * The controllers' column of the injects table: fired → delivered → acknowledged → first action,
 * with the times and how long after firing. One query for the whole table, refreshed live.
 */
export function InjectProgress({ exerciseId, injectId }: { exerciseId: string; injectId: string }) {
  const progress = useInjectProgress(exerciseId);
  const timeZone = useClock(exerciseId).data?.timeZone ?? 'UTC';
  const p = progress.data?.items.find((i) => i.injectId === injectId);
  return p ? <Steps p={p} clock={clockIn(timeZone)} /> : null;
}
