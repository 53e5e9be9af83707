import { ApiError } from '../../api/client';

/**
 * Someone else saved first (a stale version): the screen says so in plain words rather than as a
 * failure. Other refusals with the same status — a plan frozen because the exercise is running —
 * are not that, and show their own sentence.
 */
export const isConflict = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.code === 'stale_version';
