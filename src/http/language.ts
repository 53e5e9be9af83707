import type { FastifyRequest } from 'fastify';
import { auditText, languageOf, type MessageLang } from '../core/messages/messages.js';

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
