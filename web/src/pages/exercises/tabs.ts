/** An exercise's tabs, in the order they are shown; each is a part of the console's address. */
export const EXERCISE_TABS = [
  'overview',
  'objectives',
  'venues',
  'participants',
  'msel',
  'scenario',
  'control',
  'observations',
  'evaluation',
  'findings',
  'metrics',
  'report',
  'sharing',
] as const;

export type ExerciseTab = (typeof EXERCISE_TABS)[number];
