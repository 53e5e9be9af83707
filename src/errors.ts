/**
 * The one error type services throw. `code` is stable (clients and tests match on it), `status` is
 * the HTTP status the API answers with, `detail` is a sentence for a person, and `field` names the
 * input at fault when there is one.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    /** Every problem when there are several (a form's fields), each with its field path. */
    readonly errors?: { field: string; problem: string }[],
    /** Values the sentence names (an exercise's status…), for clients that word it in their reader's language. */
    readonly params?: Readonly<Record<string, string>>,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} was not found`);
export const invalid = (field: string, problem: string) =>
  new AppError('invalid_input', 422, `${field}: ${problem}`, field);
export const conflict = (detail: string, field?: string) => new AppError('conflict', 409, detail, field);
export const forbidden = (detail = 'You do not have permission to do this') =>
  new AppError('forbidden', 403, detail);
export const unauthenticated = (detail = 'Sign in first') => new AppError('unauthenticated', 401, detail);

/**
 * A change to the plan of an exercise that is under way or over: the plan is frozen, and the
 * sentence says so with the status, never as "someone else saved first".
 */
export const planFrozen = (status: string) =>
  new AppError(
    'plan_frozen',
    409,
    `The exercise is ${status}: its plan is frozen and can no longer change`,
    'status',
    undefined,
    { status },
  );
