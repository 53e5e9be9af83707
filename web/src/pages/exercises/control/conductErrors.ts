import type { TFunction } from 'i18next';

const CODES = [
  'startex_unconfirmed',
  'clock_already_running',
  'clock_not_running',
  'clock_ended',
  'clock_jump_backwards',
  'clock_same_speed',
  'inject_already_fired',
  'inject_skipped',
  'invalid_input',
  'no_play_on',
  'no_play_already_on',
  'no_play_not_on',
  'inject_time_passed',
  'decision_taken',
  'inject_not_a_decision',
  'inject_not_fired',
] as const;

/** The clock's refusals in the reader's language (the server's detail is English). */
export const conductErrors = (t: TFunction): Record<string, string> =>
  Object.fromEntries(CODES.map((code) => [code, t(`conduct.errors.${code}`)]));
