/**
 * XML-DSig for CAP messages: enveloped signatures over the whole `<alert>` when Dabyl sends, and
 * verification — with the key from KeyInfo or from configured trust anchors — when it receives.
 * See docs/cap-signatures.md.
 */
export { signCapMessage, type SignOptions } from './sign.js';
export { verifyCapSignature, type VerifyOptions } from './verify.js';
export { checkSignature } from './check.js';
export {
  allSignaturesHold,
  verifyEachSignature,
  type SignatureVerdict,
  type ValidityAt,
  type VerifyEachOptions,
} from './verify-each.js';
export { embeddedAlerts, type EmbeddedAlert } from './embedded.js';
export { eachSignatureFindings, signatureFindings, verdictFindings } from './findings.js';
export { capSignatureCheck, capSignatureChecker } from './validator-hook.js';
export { isCertificateFile, loadTrustAnchors, TRUST_STORE_KINDS, type TrustAnchor } from './keys.js';
export { CapSignatureError } from './errors.js';
export { signatureProblem } from './problem.js';
export type {
  SignatureCheck,
  SignatureProblem,
  SignatureProblemKind,
  SignerInfo,
  SignatureAlgorithms,
} from './types.js';
