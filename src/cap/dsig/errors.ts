import { capSentence, type CapWords } from '../sentences/sentences.js';

/**
 * Thrown when a message cannot be signed (bad input, unusable key) or trust anchors cannot be read.
 * Verification never throws for a bad message: it reports problems instead, because an incoming
 * message is data, not a bug. The message is English; `words` word it in the reader's language.
 */
export class CapSignatureError extends Error {
  constructor(
    /**
     * Stable code callers can match on: `bad-xml`, `not-cap`, `already-signed`, `bad-key`,
     * `bad-certificate`, `no-trust-anchor`.
     */
    readonly code: string,
    readonly words: CapWords,
  ) {
    super(capSentence('en', words));
    this.name = 'CapSignatureError';
  }
}
