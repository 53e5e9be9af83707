import { ApiError } from '../../api/client';

/** A 409: someone else saved first; the screen says so in plain words rather than as a failure. */
export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.status === 409;
