import type { DemoExercise } from '../types.js';
import { ASTANA } from './astana.js';
import { EXPO } from './expo.js';
import { KARAGANDA } from './karaganda.js';
import { PAVLODAR } from './pavlodar.js';
import { BAIKONUR, KOKSHETAU } from './regions.js';

/** The seed programme; exercises are found again by name on a second load. */
export const PROGRAMME = {
  name: 'Autumn counter-terrorism exercises',
  description:
    'The autumn series of counter-terrorism exercises in Kazakhstan: Astana city HQ drills, the EXPO centre drill, and exercises in Karaganda, Pavlodar, Baikonur and Kokshetau. Residents are told in advance which streets will be closed.',
  sponsor: 'NSC Astana',
};

/** The exercises of the programme, in the order they start. */
export const DEMO_EXERCISES: readonly DemoExercise[] = [
  ASTANA,
  PAVLODAR,
  KARAGANDA,
  BAIKONUR,
  KOKSHETAU,
  EXPO,
];
