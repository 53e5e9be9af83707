import type { SignatureCheck } from './types.js';
import { verifyCapSignature, type VerifyOptions } from './verify.js';

/**
 * For validators that check a signature only when there is one: the same result as
 * `verifyCapSignature`, except that an unsigned message has no problems (`signed: false`,
 * `problems: []`). Each problem carries `what`, a sentence and the element path.
 */
export function checkSignature(xml: string, options: VerifyOptions = {}): SignatureCheck {
  const check = verifyCapSignature(xml, options);
  return check.signed ? check : { ...check, problems: [] };
}
