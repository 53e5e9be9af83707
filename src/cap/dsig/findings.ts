import { capFinding, type CapFinding } from '../finding.js';
import { inEveryLanguage, type CapWords, type CapWordValue } from '../sentences/sentences.js';
import { checkSignature } from './check.js';
import { verifyEachSignature, type SignatureVerdict, type VerifyEachOptions } from './verify-each.js';
import type { VerifyOptions } from './verify.js';

const RULES = {
  digest: 'cap.signature.digest',
  'signature-value': 'cap.signature.value',
  certificate: 'cap.signature.certificate',
  structure: 'cap.signature.structure',
} as const;

const ROLES = {
  originator: 'signature_role_originator',
  distributor: 'signature_role_distributor',
} as const;

/** "XML signature", in each language: the only signature of a message. */
const ONLY = inEveryLanguage({ key: 'signature_label' });

/** "XML signature 2 (distributor)", in each language: one of several. */
const nth = (v: SignatureVerdict): CapWordValue =>
  inEveryLanguage({
    key: 'signature_label_nth',
    params: { index: v.index, role: inEveryLanguage({ key: ROLES[v.role] }) },
  });

/**
 * One finding's words: which signature, then its problem. Both are worded in every language as
 * values, so the finding stays one sentence key that any reader words in full.
 */
const named = (signature: CapWordValue, problem: CapWords): CapWords => ({
  key: 'signature_finding',
  params: { signature, problem: inEveryLanguage(problem) },
});

/**
 * The signature's problems as validator findings (all errors: a signature that does not hold makes
 * the message untrustworthy), with rules `cap.signature.digest|value|certificate|structure`.
 * An unsigned message yields none; requiring a signature is a profile's decision, not this one's.
 */
export function signatureFindings(xml: string, options: VerifyOptions = {}): CapFinding[] {
  return checkSignature(xml, options).problems.map((p) =>
    capFinding(p.path ?? '/alert/Signature', 'error', RULES[p.what], named(ONLY, p.words)),
  );
}

/**
 * Findings for every signature on its own (originator and distributors), each message naming the
 * signature; weak algorithms are a warning (`cap.signature.weak`), never a reason to stop reading.
 */
export function eachSignatureFindings(xml: string, options: VerifyEachOptions = {}): CapFinding[] {
  return verdictFindings(verifyEachSignature(xml, options));
}

/** The findings of verdicts already made, as {@link eachSignatureFindings} gives them. */
export function verdictFindings(all: readonly SignatureVerdict[]): CapFinding[] {
  const verdicts = all.filter((v) => v.signed);
  return verdicts.flatMap((v): CapFinding[] => {
    const who = verdicts.length > 1 ? nth(v) : ONLY;
    const path = v.index > 1 ? `/alert/Signature[${v.index}]` : '/alert/Signature';
    const weak = v.weakWords
      ? [capFinding(`${path}/SignedInfo`, 'warning', 'cap.signature.weak', named(who, v.weakWords))]
      : [];
    return [
      ...v.problems.map((p) => capFinding(p.path ?? path, 'error', RULES[p.what], named(who, p.words))),
      ...weak,
    ];
  });
}
