import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.js';

/** A public form's fields: a name given once is a string, a name given several times (checkboxes) a list. */
export type FormBody = Record<string, string | string[]>;

/** Public forms are a few fields and at most a 1,500-character comment; anything larger is not ours. */
export const FORM_BODY_LIMIT_BYTES = 16 * 1024;

const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Parses `a=1&b=2&b=3` into `{ a: '1', b: ['2', '3'] }`; `__proto__` and the like stay plain keys. */
export function parseForm(text: string): FormBody {
  const out: FormBody = Object.create(null) as FormBody;
  for (const [key, value] of new URLSearchParams(text)) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else out[key] = Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** One field as a single trimmed string: the first when repeated, '' when absent. */
export function formField(body: FormBody, name: string): string {
  const value = body[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
}

/** A field that may repeat (checkboxes), always as a list. */
export function formList(body: FormBody, name: string): string[] {
  const value = body[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Lets the routes of `app` (and its children) read HTML form posts, with a low body limit. Safe to
 * call more than once on the same instance. Fastify has no form parser of its own.
 */
export function registerFormBody(app: FastifyInstance): void {
  if (app.hasContentTypeParser(FORM_TYPE)) return;
  app.addContentTypeParser(
    FORM_TYPE,
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT_BYTES },
    (_request, body, done) => {
      try {
        done(null, parseForm(body as string));
      } catch {
        done(new AppError('invalid_form', 400, 'The form could not be read', 'body'), undefined);
      }
    },
  );
}
