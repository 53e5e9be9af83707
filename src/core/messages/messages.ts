import type { AuditAction, DeliveryReason, ErrorCode, FieldProblem, ProblemStatus } from './codes.js';
import { DELIVERY_REASONS } from './codes.js';
import {
  fill,
  type Catalogue,
  type FieldFault,
  type MessageLang,
  type MessageParams,
  MESSAGE_LANGS,
} from './catalogue.js';
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
/** A finding's sentence in `lang` from its catalogue key; one found without a key keeps its English. */
export const faultText = (
  lang: MessageLang,
  f: { message: string; fault?: FieldFault | undefined },
): string => (f.fault ? problemText(lang, f.fault.problem, f.fault.params) : f.message);

/** Findings with their sentences in `lang` in place of their catalogue keys, for a reader who asked for it. */
export const inLanguage = <F extends { message: string; fault?: FieldFault | undefined }>(
  findings: readonly F[],
  lang: MessageLang,
): Omit<F, 'fault'>[] =>
  findings.map(({ fault, ...rest }) => ({
    ...rest,
    message: faultText(lang, { message: rest.message, fault }),
  }));

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

/**
 * Why a delivery waits or failed, as a reason and the values its sentence names: kept beside the
 * delivery so that each reader is told in their own language. `fault` is a field's problem the
 * sentence ends with; `cause` the reason beneath ("gave up after 72 h: …").
 */
export interface DeliveryFault {
  reason: DeliveryReason;
  params?: MessageParams;
  fault?: FieldFault;
  cause?: DeliveryFault;
}

/** A delivery's reason as a sentence in `lang`. */
export function deliveryText(lang: MessageLang, f: DeliveryFault): string {
  const params: Record<string, string | number> = { ...f.params };
  if (f.fault) params.problem = problemText(lang, f.fault.problem, f.fault.params);
  if (f.cause) params.cause = deliveryText(lang, f.cause);
  return fill(CATALOGUES[lang], CATALOGUES[lang].deliveries[f.reason], params);
}

const REASONS = new Set<string>(DELIVERY_REASONS);
const PROBLEMS = new Set<string>(Object.keys(en.problems));

/**
 * A stored reason read back; undefined for anything this version cannot word (a row from before
 * reasons were kept, or from a newer version), and the caller shows the stored text instead.
 */
export function readDeliveryFault(value: unknown): DeliveryFault | undefined {
  const raw = typeof value === 'string' ? safeParse(value) : value;
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  if (typeof r.reason !== 'string' || !REASONS.has(r.reason)) return undefined;
  const out: DeliveryFault = { reason: r.reason as DeliveryReason };
  if (r.params && typeof r.params === 'object') {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(r.params))
      if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    out.params = params;
  }
  const fault = r.fault as Record<string, unknown> | undefined;
  if (fault && typeof fault.problem === 'string' && PROBLEMS.has(fault.problem))
    out.fault = {
      problem: fault.problem as FieldProblem,
      ...(fault.params && typeof fault.params === 'object' ? { params: fault.params as MessageParams } : {}),
    };
  if (r.cause !== undefined) {
    const cause = readDeliveryFault(r.cause);
    if (!cause) return undefined;
    out.cause = cause;
  }
  return out;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * A delivery's last failure for a reader in `lang`: its kept reason worded, else the stored text
 * (a row from before reasons were kept); null when it has none.
 */
export function failureText(lang: MessageLang, lastError: string | null, lastReason: unknown): string | null {
  if (lastError === null) return null;
  const f = readDeliveryFault(lastReason);
  return f ? deliveryText(lang, f) : lastError;
}
