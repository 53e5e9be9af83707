/**
 * What a comment must be before it is even held for moderation, as a list of small named checks.
 * Each finding names the field and a message key; the public site turns the key into a sentence in
 * the reader's language, the API into English.
 */

/** The most a comment may hold, in Unicode code points (what a person counts as characters). */
export const COMMENT_MAX_CHARS = 1500;
export const NAME_MAX_CHARS = 100;
export const EMAIL_MAX_CHARS = 254;

export type CommentField = 'name' | 'email' | 'body';
export type CommentMessage = 'required' | 'tooLong' | 'controlCharacters' | 'malformed';

export interface CommentInput {
  name: string;
  email: string;
  body: string;
}

export interface CommentFinding {
  field: CommentField;
  message: CommentMessage;
  /** The limit a `tooLong` finding refers to. */
  limit?: number;
}

/**
 * Browsers submit a textarea's line breaks as CR LF while the page sees LF; counting after this
 * makes the server's count the same as the counter the person watched while typing.
 */
export const normaliseLineBreaks = (text: string): string => text.replace(/\r\n?/g, '\n');

/** Characters as people count them: code points, so an emoji or a Kazakh letter is one. */
export const countChars = (text: string): number => {
  let n = 0;
  for (const _ of text) n++;
  return n;
};

// C0 controls (CR and LF among them), DEL and C1 controls: in a name they would break a header
// line of a notification e-mail or hide text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// Deliberately plain: one @, a dot in the domain, no spaces. Whether it exists is not our question.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/u;

interface Rule {
  field: CommentField;
  message: CommentMessage;
  limit?: number;
  /** True when the input breaks the rule. */
  breaks(input: CommentInput): boolean;
}

/** In order: the first rule a field breaks is the one reported for it. */
export const COMMENT_RULES: readonly Rule[] = [
  { field: 'name', message: 'required', breaks: (i) => i.name.trim() === '' },
  { field: 'name', message: 'controlCharacters', breaks: (i) => CONTROL.test(i.name) },
  {
    field: 'name',
    message: 'tooLong',
    limit: NAME_MAX_CHARS,
    breaks: (i) => countChars(i.name.trim()) > NAME_MAX_CHARS,
  },
  { field: 'email', message: 'required', breaks: (i) => i.email.trim() === '' },
  {
    field: 'email',
    message: 'tooLong',
    limit: EMAIL_MAX_CHARS,
    breaks: (i) => countChars(i.email.trim()) > EMAIL_MAX_CHARS,
  },
  { field: 'email', message: 'malformed', breaks: (i) => !EMAIL.test(i.email.trim()) },
  { field: 'body', message: 'required', breaks: (i) => i.body.trim() === '' },
  {
    field: 'body',
    message: 'tooLong',
    limit: COMMENT_MAX_CHARS,
    breaks: (i) => countChars(normaliseLineBreaks(i.body)) > COMMENT_MAX_CHARS,
  },
];

/** Every field's first broken rule; empty when the comment may be held for moderation. */
export function checkComment(input: CommentInput): CommentFinding[] {
  const findings: CommentFinding[] = [];
  for (const rule of COMMENT_RULES) {
    if (findings.some((f) => f.field === rule.field) || !rule.breaks(input)) continue;
    findings.push({
      field: rule.field,
      message: rule.message,
      ...(rule.limit !== undefined ? { limit: rule.limit } : {}),
    });
  }
  return findings;
}

/** The comment as it is stored: the name and address trimmed, the text verbatim but for line breaks. */
export const cleanComment = (input: CommentInput): CommentInput => ({
  name: input.name.trim(),
  email: input.email.trim(),
  body: normaliseLineBreaks(input.body),
});
