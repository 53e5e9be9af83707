import type { CapFinding } from '../finding.js';
import { checkSignature } from './check.js';
import { verifyEachSignature, type VerifyEachOptions } from './verify-each.js';
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

/**
 * Findings for every signature on its own (originator and distributors), each message naming the
 * signature; weak algorithms are a warning (`cap.signature.weak`), never a reason to stop reading.
 */
export function eachSignatureFindings(xml: string, options: VerifyEachOptions = {}): CapFinding[] {
  const verdicts = verifyEachSignature(xml, options).filter((v) => v.signed);
  return verdicts.flatMap((v): CapFinding[] => {
    const who = verdicts.length > 1 ? `XML signature ${v.index} (${v.role})` : 'XML signature';
    const path = v.index > 1 ? `/alert/Signature[${v.index}]` : '/alert/Signature';
    const weak: CapFinding[] = v.weak
      ? [
          {
            path: `${path}/SignedInfo`,
            severity: 'warning',
            rule: 'cap.signature.weak',
            message: `${who}: ${v.weak}`,
          },
        ]
      : [];
    return [
      ...v.problems.map((p): CapFinding => ({
        path: p.path ?? path,
        severity: 'error',
        rule: RULES[p.what],
        message: `${who}: ${p.message}`,
      })),
      ...weak,
    ];
  });
}
