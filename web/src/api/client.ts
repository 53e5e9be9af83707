/**
 * The one way the console talks to the API: same-origin cookies, JSON bodies, the CSRF token on
 * every write, and problem+json errors turned into ApiError so screens can show `detail`.
 */

import i18n from 'i18next';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    /** The values the detail names (an exercise's status…), to word it in the reader's language. */
    readonly params?: Readonly<Record<string, string>>,
    /** Every field's problem when the server names several (a form's fields), in the reader's language. */
    readonly errors?: readonly { field: string; problem: string }[],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}

let csrfToken: string | null = null;

/**
 * The console's language as Accept-Language, so the server words its problems and audit entries
 * in it (it keeps English when asked nothing); empty before the console has chosen one.
 */
export function languageHeader(): Record<string, string> {
  const lang = i18n.resolvedLanguage ?? i18n.language;
  return lang ? { 'accept-language': lang } : {};
}

/** Remembers the token from sign-in or the session; writes without it are refused by the server. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** For the few requests that are not JSON (spreadsheet uploads). */
export const currentCsrfToken = (): string | null => csrfToken;

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function toError(res: Response): Promise<ApiError> {
  try {
    const body = (await res.json()) as {
      code?: string;
      detail?: string;
      title?: string;
      field?: string;
      params?: Record<string, string>;
      errors?: { field: string; problem: string }[];
    };
    return new ApiError(
      res.status,
      body.code ?? 'unknown',
      body.detail ?? body.title ?? res.statusText,
      body.field,
      body.params,
      Array.isArray(body.errors) ? body.errors : undefined,
    );
  } catch {
    // A proxy or a crash can answer with HTML; the status still tells the user something.
    return new ApiError(res.status, 'unknown', res.statusText || String(res.status));
  }
}

export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...languageHeader() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw await toError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};
