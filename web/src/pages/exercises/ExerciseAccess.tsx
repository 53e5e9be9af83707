import { createContext, useContext, type ReactNode } from 'react';
import type { ExerciseAccess } from '../../api/planningTypes';
import { useCan } from '../../auth/useSession';

const Access = createContext<ExerciseAccess | null>(null);

/** What the reader may do with the exercise on screen, as the server decided it (organisation scope applied). */
export function ExerciseAccessProvider({
  access,
  children,
}: {
  access: ExerciseAccess;
  children: ReactNode;
}) {
  return <Access.Provider value={access}>{children}</Access.Provider>;
}

const PERMISSION: Record<keyof ExerciseAccess, string> = {
  plan: 'exercises:plan',
  readControllerSide: 'msel:read',
  approveMsel: 'msel:approve',
  recordObservations: 'observations:record',
  readObservations: 'observations:read',
  conduct: 'exercises:conduct',
  play: 'exercises:play',
};

/**
 * Whether the reader may do `what` with the exercise on screen. A permission held for another
 * organisation does not count: the server's answer for this exercise does. Outside an exercise,
 * whether they hold the permission anywhere.
 */
export function useExerciseCan(what: keyof ExerciseAccess): boolean {
  const access = useContext(Access);
  const anywhere = useCan(PERMISSION[what]);
  return access ? access[what] : anywhere;
}
