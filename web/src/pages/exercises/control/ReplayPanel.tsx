import { ActionIcon, Badge, Button, Group, Slider, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { replayAt } from '../../../../../src/core/conduct/replay';
import { useReplay, type Replay } from '../../../api/conduct';
import { QueryState } from '../../../components/QueryState';
import { actorLabel } from '../../../components/actorLabel';
import { STATUS } from '../../../theme';
import { formatExerciseSeconds, PHASE_COLOUR } from './ClockFaces';
import { clockIn } from './InjectProgress';
import { STATUS_COLOUR } from './InjectsTable';

/** How long each entry shows while the replay plays. */
const STEP_MS = 700;

function Scrubber({ replay, timeZone }: { replay: Replay; timeZone: string }) {
  const { t } = useTranslation();
  const total = replay.entries.length;
  const [position, setPosition] = useState(total);
  const [playing, setPlaying] = useState(false);
  const time = clockIn(timeZone);
  const state = useMemo(() => replayAt(replay.entries, replay.injects, position), [replay, position]);
  const halted = state.noPlay && state.phase === 'running';

  useEffect(() => {
    if (!playing) return;
    if (position >= total) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => setPosition((p) => p + 1), STEP_MS);
    return () => clearTimeout(timer);
  }, [playing, position, total]);

  const current = position > 0 ? replay.entries[position - 1] : undefined;
  const recent = replay.entries.slice(Math.max(0, position - 8), position).reverse();
  const move = (to: number) => {
    setPlaying(false);
    setPosition(Math.max(0, Math.min(total, to)));
  };
  return (
    <Stack gap="sm">
      <Group gap="xs">
        <ActionIcon variant="default" aria-label={t('conduct.replay.start')} onClick={() => move(0)}>
          |◀
        </ActionIcon>
        <ActionIcon
          variant="default"
          aria-label={t('conduct.replay.back')}
          onClick={() => move(position - 1)}
        >
          ◀
        </ActionIcon>
        <Button
          size="compact-sm"
          onClick={() => {
            if (!playing && position >= total) setPosition(0);
            setPlaying(!playing);
          }}
        >
          {playing ? t('conduct.replay.pause') : t('conduct.replay.play')}
        </Button>
        <ActionIcon
          variant="default"
          aria-label={t('conduct.replay.forward')}
          onClick={() => move(position + 1)}
        >
          ▶
        </ActionIcon>
        <ActionIcon variant="default" aria-label={t('conduct.replay.end')} onClick={() => move(total)}>
          ▶|
        </ActionIcon>
        <Text size="sm" data-testid="replay-position">
          {t('conduct.replay.position', { position, total })}
          {current ? ` · ${time(current.at)}` : ''}
        </Text>
      </Group>
      <Slider
        min={0}
        max={total}
        step={1}
        value={position}
        onChange={move}
        label={(v) => (v > 0 ? time(replay.entries[v - 1]!.at) : t('conduct.phase.before'))}
        // Centred over the thumb, the label would stick out past the panel at either end: it slides
        // from right of the thumb at the start to left of it at the end. `translate`, not
        // `transform`, which the label's own transition sets.
        styles={{ label: { translate: `${(0.5 - position / Math.max(total, 1)) * 100}% 0` } }}
        thumbLabel={t('conduct.replay.scrubber')}
      />
      <Group gap="xs">
        {/* Under NO PLAY the clock stood still: NO PLAY is its state, as the live clock shows it. */}
        {halted ? (
          <Badge color={STATUS.danger} size="lg" variant="filled" data-testid="replay-phase">
            {t('conduct.noPlay.phase')}
          </Badge>
        ) : (
          <Badge color={PHASE_COLOUR[state.phase]} size="lg" data-testid="replay-phase">
            {t(`conduct.phase.${state.phase}`)}
          </Badge>
        )}
        {state.noPlay && !halted && (
          <Badge color={STATUS.danger} size="lg" variant="filled">
            {t('conduct.noPlay.phase')}
          </Badge>
        )}
        {state.exerciseTime && <Text ff="monospace">{state.exerciseTime}</Text>}
      </Group>
      <Table striped fz="sm" aria-label={t('conduct.replay.injects')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('conduct.injects.number')}</Table.Th>
            <Table.Th>{t('conduct.injects.time')}</Table.Th>
            <Table.Th>{t('conduct.injects.inject')}</Table.Th>
            <Table.Th>{t('conduct.injects.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {state.injects.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>{i.number}</Table.Td>
              <Table.Td ff="monospace">{formatExerciseSeconds(i.dueSeconds)}</Table.Td>
              <Table.Td>{i.title}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOUR[i.state]}>{t(`conduct.status.${i.state}`)}</Badge>
                {i.firedAt && (
                  <Text span size="xs" ml="xs">
                    {time(i.firedAt)}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack gap={2} aria-label={t('conduct.replay.happened')} component="ol" style={{ paddingLeft: 0 }}>
        {recent.map((e) => (
          <Text key={e.seq} size="sm" component="li" style={{ listStyle: 'none' }}>
            <Text span ff="monospace">
              {time(e.at)}
            </Text>{' '}
            · {actorLabel(t, e.actorName)} · {e.sentence}
          </Text>
        ))}
      </Stack>
    </Stack>
  );
}

/**
 * The replay of an ended exercise, rebuilt from its log: move through it entry by entry, or let it
 * play, and see the clock, NO PLAY and each inject as they stood. Nothing here changes the past.
 */
export function ReplayPanel({ exerciseId, timeZone }: { exerciseId: string; timeZone: string }) {
  const { t } = useTranslation();
  const replay = useReplay(exerciseId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="replay-title">
      <Title order={3} id="replay-title">
        {t('conduct.replay.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('conduct.replay.intro')}
      </Text>
      <QueryState query={replay}>{(data) => <Scrubber replay={data} timeZone={timeZone} />}</QueryState>
    </Stack>
  );
}
