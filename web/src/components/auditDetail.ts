import type { i18n as I18n, TFunction } from 'i18next';

/**
 * Where a recorded key's coded values have their words, by the kind of subject where the same key
 * means different things (an exercise's status is not a comment's).
 */
const VALUE_WORDS: Readonly<Record<string, (subject: string | null) => string | undefined>> = {
  role: () => 'roles',
  roles: () => 'roles',
  kind: (s) => (s === 'organisation' ? 'organisations.kinds' : undefined),
  type: (s) => (s === 'exercise' ? 'planning.types' : undefined),
  status: (s) => STATUS_WORDS[s ?? ''],
  from: (s) => STATUS_WORDS[s ?? ''],
  to: (s) => STATUS_WORDS[s ?? ''],
  was: (s) => STATUS_WORDS[s ?? ''],
  purpose: () => 'sirens.purposes',
  extentOfPlay: () => 'planning.extent',
  channel: () => 'outbox.channels',
  pausePolicy: () => 'conduct.policy',
  audience: () => 'alerts.audience',
  releaseOn: () => 'branching.waits',
  source: () => 'audit.sources',
  unapprovedChoice: () => 'audit.unapprovedChoices',
};

const STATUS_WORDS: Readonly<Record<string, string>> = {
  exercise: 'planning.status',
  notice: 'notices.status',
  comment: 'audit.commentStatus',
};

/** CAP's own words, shown as the standard spells them (docs/glossary.md). */
const AS_RECORDED = new Set(['msgType']);

/**
 * An entry's detail as "label: value" pairs in the reader's language. The stored record stays whole
 * on hover and in the API; what has no words yet (ids, field lists, a code with no word) is left to
 * it rather than shown as a raw code here.
 */
export function describeDetail(
  t: TFunction,
  i18n: I18n,
  subjectType: string | null,
  detail: Record<string, unknown>,
): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(detail)) {
    if (!i18n.exists(`audit.details.${key}`)) continue;
    const shown = valueText(t, i18n, key, subjectType, value);
    if (shown !== undefined) parts.push(`${t(`audit.details.${key}`)}: ${shown}`);
  }
  return parts.join(', ');
}

function valueText(
  t: TFunction,
  i18n: I18n,
  key: string,
  subject: string | null,
  value: unknown,
): string | undefined {
  if (typeof value === 'boolean') return t(value ? 'audit.values.yes' : 'audit.values.no');
  if (typeof value === 'number') return String(value);
  const words = VALUE_WORDS[key]?.(subject);
  const word = (code: string) =>
    words && i18n.exists(`${words}.${code}`) ? t(`${words}.${code}`) : undefined;
  if (Array.isArray(value)) {
    const worded = value.map((v) => (typeof v === 'string' ? word(v) : undefined));
    return worded.length > 0 && worded.every(Boolean) ? worded.join(', ') : undefined;
  }
  if (typeof value !== 'string' || value === '') return undefined;
  if (words) return word(value);
  return AS_RECORDED.has(key) || !VALUE_WORDS[key] ? value : undefined;
}

/** The stored record as written, for the hover: every key and value, nested ones as JSON. */
export function recordedDetail(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(', ');
}
