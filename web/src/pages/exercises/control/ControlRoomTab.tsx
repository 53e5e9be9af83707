import { Stack } from '@mantine/core';
import { useClock, useInjects } from '../../../api/conduct';
import { useCan } from '../../../auth/useSession';
import { QueryState } from '../../../components/QueryState';
import { ClockControls } from './ClockControls';
import { ClockFaces } from './ClockFaces';
import { CommCheckPanel } from './CommCheckPanel';
import { ControlMap } from './ControlMap';
import { ExerciseLog } from './ExerciseLog';
import { ReplayPanel } from './ReplayPanel';
import { TeamStatusTable } from './TeamStatusTable';
import { InjectsTable } from './InjectsTable';
import { ManualPrompts } from './ManualPrompts';
import { MilestonesPanel } from './MilestonesPanel';

/**
 * The control room: the three clocks side by side, the clock's controls for those who run the
 * exercise, and the injects as they are played. Commands and firings elsewhere arrive through the
 * live stream (clock.changed, inject.changed), so every controller watching sees them at once.
 */
export function ControlRoomTab({ exerciseId }: { exerciseId: string }) {
  const canAct = useCan('exercises:conduct');
  const clock = useClock(exerciseId);
  const injects = useInjects(exerciseId);
  return (
    <QueryState query={clock}>
      {(data) => (
        <Stack>
          <ClockFaces clock={data} />
          {canAct && <ClockControls clock={data} />}
          {data.reading.phase === 'before' && <CommCheckPanel exerciseId={exerciseId} canAct={canAct} />}
          <QueryState query={injects}>
            {(list) => (
              <InjectsTable
                exerciseId={exerciseId}
                injects={list.items}
                canAct={canAct}
                canAdd={data.reading.phase === 'running' || data.reading.phase === 'paused'}
                ended={data.reading.phase === 'ended'}
                halted={data.noPlay !== null}
              />
            )}
          </QueryState>
          {data.reading.phase !== 'before' && (
            <MilestonesPanel exerciseId={exerciseId} canAct={canAct && data.reading.phase !== 'ended'} />
          )}
          <ManualPrompts exerciseId={exerciseId} canAct={canAct} />
          <TeamStatusTable exerciseId={exerciseId} />
          {data.reading.phase !== 'before' && <CommCheckPanel exerciseId={exerciseId} canAct={canAct} />}
          <ControlMap exerciseId={exerciseId} />
          {data.reading.phase === 'ended' && <ReplayPanel exerciseId={exerciseId} timeZone={data.timeZone} />}
          <ExerciseLog exerciseId={exerciseId} />
        </Stack>
      )}
    </QueryState>
  );
}
