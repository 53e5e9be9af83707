/**
 * XML-DSig for CAP messages: enveloped signatures over the whole `<alert>` when Dabyl sends, and
 * verification — with the key from KeyInfo or from configured trust anchors — when it receives.
 */
import { verifyCapSignature, type VerifyOptions } from './verify.js';
import type { SignatureCheck } from './types.js';

export { signCapMessage, type SignOptions } from './sign.js';
export { verifyCapSignature, type VerifyOptions } from './verify.js';
export { loadTrustAnchors, type TrustAnchor } from './keys.js';
export { CapSignatureError } from './errors.js';
export type {
  SignatureCheck,
  SignatureProblem,
  SignatureProblemKind,
  SignerInfo,
  SignatureAlgorithms,
} from './types.js';

/**
 * For validators that check a signature only when there is one: the same result as
 * `verifyCapSignature`, except that an unsigned message has no problems (`signed: false`,
 * `problems: []`). Each problem carries `what`, a sentence and the element path, ready to become a
 * validation finding (severity error) when `signed` is true.
 */
export function checkSignature(xml: string, options: VerifyOptions = {}): SignatureCheck {
  const check = verifyCapSignature(xml, options);
  return check.signed ? check : { ...check, problems: [] };
}
