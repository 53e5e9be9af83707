import { Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExerciseClock } from '../../../api/conduct';
import { STATUS } from '../../../theme';
import { zoneName } from '../../../i18n/zones';

const pad = (n: number) => String(n).padStart(2, '0');

export function formatExerciseSeconds(s: number): string {
  return `H+${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
}

/** Advances the server's reading by the time since it was taken, at the clock's speed. */
function advance(clock: Pick<ExerciseClock, 'reading'>, nowMs: number) {
  const { reading } = clock;
  const elapsed = Math.max(0, Math.floor((nowMs - Date.parse(reading.wall)) / 1000));
  const ahead = reading.phase === 'running' && !reading.halted ? elapsed * reading.speed : 0;
  const scenario = reading.scenario
    ? new Date(Date.parse(`${reading.scenario}Z`) + ahead * 1000).toISOString().slice(0, 19).replace('T', ' ')
    : null;
  return { exercise: formatExerciseSeconds(reading.exerciseSeconds + ahead), scenario };
}

function Face({ label, value, note }: { label: string; value: string; note?: string | null }) {
  return (
    <Paper withBorder p="md" radius="md" role="group" aria-label={label}>
      <Stack gap={2}>
        <Text size="sm" c="dimmed">
          {label}
        </Text>
        <Text ff="monospace" fz={24} fw={700} style={{ whiteSpace: 'nowrap' }}>
          {value}
        </Text>
        {note && (
          <Text size="sm" c="dimmed">
            {note}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Running is red on purpose, as on the exercise's status badge: traffic goes out. */
export const PHASE_COLOUR = {
  before: STATUS.neutral,
  running: STATUS.danger,
  paused: STATUS.warning,
  ended: STATUS.neutral,
} as const;

/** Wall, exercise and scenario time side by side, ticking between the server's readings. */
export function ClockFaces({ clock }: { clock: Pick<ExerciseClock, 'reading' | 'timeZone'> }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const { exercise, scenario } = advance(clock, now);
  // The scenario's hour big, its date beside its day: a whole date and time does not fit a phone's card.
  const scenarioDate = scenario
    ? new Intl.DateTimeFormat(i18n.language, { timeZone: 'UTC', dateStyle: 'medium' }).format(
        new Date(`${scenario.slice(0, 10)}T00:00:00Z`),
      )
    : null;
  const wall = new Intl.DateTimeFormat(i18n.language, {
    timeZone: clock.timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(now);
  const { phase, speed, scenarioDay } = clock.reading;
  return (
    <Stack gap="xs">
      <Group gap="xs">
        {/* Under NO PLAY the clock stands still: no badge says it runs, the NO PLAY one says why. */}
        {!(clock.reading.halted && phase === 'running') && (
          <Badge color={PHASE_COLOUR[phase]} size="lg">
            {t(`conduct.phase.${phase}`)}
          </Badge>
        )}
        {clock.reading.halted && (
          <Badge color={STATUS.danger} size="lg" variant="filled" data-testid="no-play-phase">
            {t('conduct.noPlay.phase')}
          </Badge>
        )}
        {speed !== 1 && (
          <Badge color={STATUS.warning} size="lg" variant="outline">
            {t('conduct.clocks.speed', { speed })}
          </Badge>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Face label={t('conduct.clocks.wall')} value={wall} note={zoneName(clock.timeZone, i18n.language)} />
        <Face label={t('conduct.clocks.exercise')} value={exercise} />
        <Face
          label={t('conduct.clocks.scenario')}
          value={scenario ? scenario.slice(11) : '—'}
          note={
            scenarioDate
              ? [scenarioDate, scenarioDay ? t('conduct.clocks.day', { day: scenarioDay }) : null]
                  .filter(Boolean)
                  .join(' · ')
              : t('conduct.clocks.noScenario')
          }
        />
      </SimpleGrid>
    </Stack>
  );
}
