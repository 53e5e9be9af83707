import { ApiError } from './client';

/**
 * A refused form's problems, each beside the field it names. The server words every problem in the
 * reader's language as "field: problem" (one) or as a list of field problems (several); a form
 * shows the problem under its field, with any field names in the sentence ("must be after
 * startOn") replaced by the labels the reader sees. `other` is what names none of the form's
 * fields (a refusal, a conflict), for the form's general alert.
 */
export function fieldProblems(
  error: unknown,
  labels: Readonly<Record<string, string>>,
  quote: (label: string) => string = (label) => `“${label}”`,
): { byField: Record<string, string>; other: unknown } {
  if (!(error instanceof ApiError)) return { byField: {}, other: error };
  const named = error.errors?.length
    ? error.errors
    : error.field
      ? [{ field: error.field, problem: stripField(error.detail, error.field) }]
      : [];
  const byField: Record<string, string> = {};
  for (const { field, problem } of named)
    if (field in labels && !(field in byField)) byField[field] = withLabels(problem, labels, quote);
  return { byField, other: Object.keys(byField).length > 0 ? null : error };
}

const stripField = (detail: string, field: string): string =>
  detail.startsWith(`${field}: `) ? detail.slice(field.length + 2) : detail;

function withLabels(
  problem: string,
  labels: Readonly<Record<string, string>>,
  quote: (label: string) => string,
): string {
  let text = problem;
  for (const [field, label] of Object.entries(labels))
    text = text.replace(new RegExp(`(?<![\\w.])${field.replace(/\./g, '\\.')}(?![\\w.])`, 'g'), quote(label));
  return text;
}
