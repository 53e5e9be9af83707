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
