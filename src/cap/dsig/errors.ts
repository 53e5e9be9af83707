/**
 * Thrown when a message cannot be signed (bad input, unusable key). Verification never throws for
 * a bad message: it reports problems instead, because an incoming message is data, not a bug.
 */
export class CapSignatureError extends Error {
  constructor(
    /** Stable code callers can match on: `bad-xml`, `not-cap`, `already-signed`, `bad-key`, `bad-certificate`. */
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CapSignatureError';
  }
}
