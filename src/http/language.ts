import type { FastifyRequest } from 'fastify';
import type { CapFinding } from '../cap/finding.js';
import { capSentence } from '../cap/sentences/sentences.js';
import {
  auditText,
  languageOf,
  problemText,
  type FieldFault,
  type MessageLang,
} from '../core/messages/messages.js';

/**
 * The language a request asks its answer's sentences in: Accept-Language's first of kk, ru and
 * en; English when it names none (scripts and tests that ask nothing keep today's English).
 */
export const requestLanguage = (request: FastifyRequest): MessageLang =>
  languageOf(request.headers['accept-language']) ?? 'en';

/** Audit entries with their sentence in `lang`; the action stays the stable code beside it. */
export const withSentences = <E extends { action: string; detail: Record<string, unknown> }>(
  entries: readonly E[],
  lang: MessageLang,
): (E & { sentence: string })[] =>
  entries.map((e) => ({ ...e, sentence: auditText(lang, e.action, e.detail) }));

/**
 * A notice's open problems (shown while it is edited) worded in `lang`, without the catalogue keys:
 * English as the rule wrote it; Kazakh and Russian from the rule's fault, else as "is not valid".
 */
export const wordNoticeProblems = <
  N extends { problems: { path: string; rule: string; message: string; fault?: FieldFault }[] },
>(
  notice: N,
  lang: MessageLang,
): N => ({
  ...notice,
  problems: notice.problems.map(({ path, rule, message, fault }) => ({
    path,
    rule,
    message: lang === 'en' ? message : problemText(lang, fault?.problem ?? 'invalid', fault?.params),
  })),
});

/**
 * What the CAP or feed reader found, worded in `lang` from each finding's sentence key; a finding
 * stored without one (kept from an older version) keeps its English sentence until the next poll.
 */
export const wordFindings = (findings: readonly CapFinding[], lang: MessageLang): CapFinding[] =>
  findings.map(({ path, severity, rule, message, words }) => ({
    path,
    severity,
    rule,
    message: words ? capSentence(lang, words) : message,
  }));

/** A feed with what its last poll found, worded in `lang`. */
export const wordFeed = <F extends { lastFindings: CapFinding[] }>(feed: F, lang: MessageLang): F => ({
  ...feed,
  lastFindings: wordFindings(feed.lastFindings, lang),
});
