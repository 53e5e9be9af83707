import {
  errorText,
  fieldText,
  titleText,
  type MessageLang,
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

/**
 * A checker's own precise English kept as the detail, the problem's catalogue key wording it in the
 * other languages (for checks whose English names more than the catalogue's sentence does).
 */
export const refusedAs = (field: string, english: string, problem: FieldProblem, params?: MessageParams) =>
  new AppError('invalid_input', 422, `${field}: ${english}`, field, undefined, undefined, {
    problem,
    ...(params ? { params } : {}),
  });

/** A shape the geometry checker refused: its own English, its fault worded in the other languages. */
export const refusedGeometry = (field: string, found: { error: string; fault: FieldFault }) =>
  refusedAs(field, found.error, found.fault.problem, found.fault.params);

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

/** What a problem is worded from: the English as thrown, and what words it in the other languages. */
export interface Wordable {
  status: number;
  code: ErrorCode;
  /** English, as thrown. */
  detail: string;
  title?: string;
  field?: string;
  errors?: FieldError[];
  params?: Readonly<Record<string, string>>;
  fault?: FieldFault;
}

/**
 * A problem's title, detail and field problems in `lang` (undefined: none asked). English keeps
 * the thrower's own sentence, the most precise; Kazakh and Russian are worded from the catalogue:
 * the field's problem when the thrower named it, else the sentence for the code. The field path is
 * kept as it is in every language, so the reader can find the field.
 */
export function wordedIn(
  lang: MessageLang | undefined,
  p: Wordable,
): { title: string; detail: string; errors?: { field: string; problem: string }[] } {
  const english = !lang || lang === 'en';
  const errors = p.errors?.map(({ field, problem, fault }) => ({
    field,
    problem: english ? problem : problemText(lang, fault?.problem ?? 'invalid', fault?.params),
  }));
  const more = errors ? { errors } : {};
  if (english) return { title: p.title ?? titleText('en', p.status), detail: p.detail, ...more };
  const detail =
    p.field && (p.fault || p.code === 'invalid_input')
      ? fieldText(lang, p.field, p.fault?.problem ?? 'invalid', p.fault?.params)
      : errorText(lang, p.code, p.params);
  return { title: titleText(lang, p.status), detail, ...more };
}
