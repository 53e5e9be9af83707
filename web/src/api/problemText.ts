import type { TFunction } from 'i18next';
import type { ApiError } from './client';

/**
 * A problem in the reader's language when the console knows its code (`errors.codes.*`, with the
 * values the server names in `params`, each translated where the console has a word for it), else
 * the server's own sentence.
 */
export function problemText(error: ApiError, t: TFunction, exists: (key: string) => boolean): string {
  const key = `errors.codes.${error.code}`;
  if (!exists(key)) return error.detail;
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(error.params ?? {})) {
    const word = `planning.${name}.${value}`;
    params[name] = exists(word) ? t(word) : value;
  }
  return t(key, params);
}
