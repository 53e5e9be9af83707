import { EXERCISE_HAZARDS } from '../../contract/enums.js';

export { EXERCISE_HAZARDS };
export type ExerciseHazard = (typeof EXERCISE_HAZARDS)[number];

export const isExerciseHazard = (value: string): value is ExerciseHazard =>
  (EXERCISE_HAZARDS as readonly string[]).includes(value);
