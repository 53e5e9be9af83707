import type { CapFinding } from '../finding.js';
import { checkSignature } from './check.js';
import type { VerifyOptions } from './verify.js';

const RULES = {
  digest: 'cap.signature.digest',
  'signature-value': 'cap.signature.value',
  certificate: 'cap.signature.certificate',
  structure: 'cap.signature.structure',
} as const;

/**
 * The signature's problems as validator findings (all errors: a signature that does not hold makes
 * the message untrustworthy), with rules `cap.signature.digest|value|certificate|structure`.
 * An unsigned message yields none; requiring a signature is a profile's decision, not this one's.
 */
export function signatureFindings(xml: string, options: VerifyOptions = {}): CapFinding[] {
  return checkSignature(xml, options).problems.map((p) => ({
    path: p.path ?? '/alert/Signature',
    severity: 'error',
    rule: RULES[p.what],
    message: `XML signature: ${p.message}`,
  }));
}
