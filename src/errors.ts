import {
  fieldText,
  type FieldFault,
  problemText,
  type ErrorCode,
  type FieldProblem,
  type MessageParams,
} from './core/messages/messages.js';

export type { FieldFault };

/** One of several problems (a form's fields), each with its field path; `fault` words it in other languages. */
export interface FieldError {
  field: string;
  problem: string;
  fault?: FieldFault;
}

/**
 * The one error type services throw. `code` is stable (clients and tests match on it) and has a
 * sentence in every language's catalogue (src/core/messages); `status` is the HTTP status the API
 * answers with, `detail` the English sentence, and `field` names the input at fault when there is
 * one. `params` are the values the sentence names; `fault`, when given, is the field's problem as a
 * catalogue key, so the detail is worded exactly in every language rather than by the code alone.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly detail: string,
    readonly field?: string,
    /** Every problem when there are several (a form's fields), each with its field path. */
    readonly errors?: FieldError[],
    /** Values the sentence names (an exercise's status…), for clients that word it in their reader's language. */
    readonly params?: Readonly<Record<string, string>>,
    readonly fault?: FieldFault,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('not_found', 404, `${what} was not found`);
export const invalid = (field: string, problem: string) =>
  new AppError('invalid_input', 422, `${field}: ${problem}`, field);

/**
 * A field's problem from the catalogue ("title: is required"), worded in the reader's language at
 * the boundary. Prefer it to {@link invalid} for anything a person may meet.
 */
export const badField = (field: string, problem: FieldProblem, params?: MessageParams, status = 422) =>
  new AppError(
    'invalid_input',
    status,
    fieldText('en', field, problem, params),
    field,
    undefined,
    undefined,
    {
      problem,
      ...(params ? { params } : {}),
    },
  );

/** One entry of a list of field problems, worded from the catalogue. */
export const fieldError = (field: string, problem: FieldProblem, params?: MessageParams): FieldError => ({
  field,
  problem: problemText('en', problem, params),
  fault: { problem, ...(params ? { params } : {}) },
});

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
