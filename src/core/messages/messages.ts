import type { AuditAction, ErrorCode, FieldProblem, ProblemStatus } from './codes.js';
import { fill, type Catalogue, type MessageLang, type MessageParams, MESSAGE_LANGS } from './catalogue.js';
import { en } from './en.js';
import { kk } from './kk.js';
import { ru } from './ru.js';

export { MESSAGE_LANGS, type FieldFault, type MessageLang, type MessageParams } from './catalogue.js';
export * from './codes.js';

/** The three catalogues, by language. */
export const CATALOGUES: Readonly<Record<MessageLang, Catalogue>> = { en, kk, ru };

export const isMessageLang = (value: unknown): value is MessageLang =>
  (MESSAGE_LANGS as readonly unknown[]).includes(value);

/**
 * The language an Accept-Language header asks for among kk, ru and en, by its weights; undefined
 * when it names none of them (or there is no header), and the caller keeps English.
 */
export function languageOf(header: string | undefined): MessageLang | undefined {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: (tag ?? '').trim().toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q);
  return wanted.map((w) => w.lang).find(isMessageLang);
}

/** The problem's title in `lang` ("Invalid input"). */
export const titleText = (lang: MessageLang, status: number): string =>
  CATALOGUES[lang].titles[status as ProblemStatus] ?? CATALOGUES[lang].titles[500];

/** The problem's detail from its code alone, in `lang`, with its parameters. */
export const errorText = (lang: MessageLang, code: ErrorCode, params?: MessageParams): string =>
  fill(CATALOGUES[lang], CATALOGUES[lang].errors[code], params);

/** What is wrong with one field, in `lang`, without the field's path ("is required"). */
export const problemText = (lang: MessageLang, problem: FieldProblem, params?: MessageParams): string =>
  fill(CATALOGUES[lang], CATALOGUES[lang].problems[problem], params);

/** "path: problem", the form every field's problem takes in every language. */
export const fieldText = (lang: MessageLang, field: string, problem: FieldProblem, params?: MessageParams) =>
  `${field}: ${problemText(lang, problem, params)}`;

const AUDIT = new Set<string>(Object.keys(en.audit));

/** An audit entry as a sentence in `lang`; its detail's values fill the sentence's placeholders. */
export function auditText(lang: MessageLang, action: string, detail: Record<string, unknown> = {}): string {
  const c = CATALOGUES[lang];
  if (!AUDIT.has(action)) return c.auditUnknown;
  const params: Record<string, string> = {};
  for (const [k, v] of Object.entries(detail))
    if (typeof v === 'string' || typeof v === 'number') params[k] = String(v);
  return fill(c, c.audit[action as AuditAction], params);
}
