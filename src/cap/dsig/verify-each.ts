/**
 * Verifies every signature of a CAP message on its own, as national systems produce them: the
 * originator signs the alert, and a distributor may add its own signature beside the originator's.
 * Each signature is checked over the document with every other signature removed, so neither
 * hides a fault in the other, and each gets its own verdict.
 */
import { XMLSerializer } from '@xmldom/xmldom';
import { capSentence, type CapWords } from '../sentences/sentences.js';
import { weakness } from './algorithms.js';
import { findSignatures, isCapAlert, parseDocument } from './dom.js';
import type { SignatureCheck, SignatureProblem } from './types.js';
import { verifyCapSignature, type VerifyOptions } from './verify.js';

/** Whether a certificate was within its validity period at an instant; null when unknown. */
export interface ValidityAt {
  sent: boolean | null;
  receipt: boolean | null;
  now: boolean | null;
}

/** One signature's verdict. */
export interface SignatureVerdict extends SignatureCheck {
  /** The first signature is the originator's; those beside it are distributors'. */
  role: 'originator' | 'distributor';
  /** 1-based position among the alert's signatures. */
  index: number;
  /** An English sentence when the algorithms are weak (SHA-1, DSA); the signature is still verified. */
  weak: string | null;
  /** The same as a sentence's key and values, to word it in the reader's language. */
  weakWords: CapWords | null;
  /** The signing certificate's validity at the message's `sent`, at receipt, and now. */
  validity: ValidityAt;
}

/** What to verify against and when. */
export interface VerifyEachOptions {
  trustAnchors?: VerifyOptions['trustAnchors'];
  /**
   * The message's `sent` (read from the message when not given); validity is judged at this
   * instant, so archived messages whose certificates have since expired are judged fairly.
   */
  sent?: Date;
  /** When Dabyl received the message. */
  receivedAt?: Date;
  now?: Date;
}

/**
 * One verdict per signature, originator first. An unsigned or unreadable message yields one
 * verdict with `signed: false` or a structure problem, never an empty list.
 */
export function verifyEachSignature(xml: string, options: VerifyEachOptions = {}): SignatureVerdict[] {
  const now = options.now ?? new Date();
  const sent = options.sent ?? sentOf(xml);
  if (sent) options = { ...options, sent };
  const at = sent ?? now;
  const base = { trustAnchors: options.trustAnchors ?? [], at };
  const parsed = parseDocument(xml);
  const count = parsed.ok && isCapAlert(parsed.root) ? ownSignatures(parsed.root).length : 0;
  if (count <= 1) return [verdict(verifyCapSignature(xml, base), 0, options, now)];
  return Array.from({ length: count }, (_, i) => verdict(checkAlone(xml, i, base), i, options, now));
}

/** True when every signature holds and is trusted; the one test for showing a message as verified. */
export function allSignaturesHold(verdicts: readonly SignatureVerdict[]): boolean {
  return verdicts.length > 0 && verdicts.every((v) => v.signed && v.valid);
}

/** The alert's `sent`, read without a full parse; undefined when absent or unreadable. */
function sentOf(xml: string): Date | undefined {
  const text = /<(?:[\w.-]+:)?sent>\s*([^<]+?)\s*</.exec(xml)?.[1];
  const date = text ? new Date(text) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function ownSignatures(root: Element): Element[] {
  return findSignatures(root.ownerDocument).filter((s) => s.parentNode === root);
}

/**
 * Signature `i` over the document without the others. A distributor that inserted its signature
 * with a line break left whitespace the originator never signed; if the digest fails without
 * that whitespace removed too, the variants that remove the whitespace before or after each other
 * signature are tried.
 */
function checkAlone(xml: string, i: number, options: VerifyOptions): SignatureCheck {
  let first: SignatureCheck | undefined;
  for (const variant of ['others', 'space-before', 'space-after'] as const) {
    const check = verifyCapSignature(without(xml, i, variant), options);
    first ??= check;
    if (!check.problems.some((p) => p.what === 'digest')) return check;
  }
  return first!;
}

function without(xml: string, keep: number, variant: 'others' | 'space-before' | 'space-after'): string {
  const parsed = parseDocument(xml);
  if (!parsed.ok) return xml;
  ownSignatures(parsed.root).forEach((sig, j) => {
    if (j === keep) return;
    const beside =
      variant === 'space-before' ? sig.previousSibling : variant === 'space-after' ? sig.nextSibling : null;
    if (beside?.nodeType === 3 && !beside.nodeValue?.trim()) sig.parentNode!.removeChild(beside);
    sig.parentNode!.removeChild(sig);
  });
  return new XMLSerializer().serializeToString(parsed.doc);
}

function verdict(check: SignatureCheck, i: number, options: VerifyEachOptions, now: Date): SignatureVerdict {
  const within = (at: Date | undefined): boolean | null => {
    if (!at || !check.signer) return null;
    return new Date(check.signer.validFrom) <= at && at <= new Date(check.signer.validTo);
  };
  const weakWords = check.algorithms ? weakness(check.algorithms.signature, check.algorithms.digest) : null;
  return {
    ...check,
    problems: check.problems.map((p) => renumber(p, i)),
    role: i === 0 ? 'originator' : 'distributor',
    index: i + 1,
    weak: weakWords ? capSentence('en', weakWords) : null,
    weakWords,
    validity: { sent: within(options.sent), receipt: within(options.receivedAt), now: within(now) },
  };
}

/** Paths name the signature they concern: `/alert/Signature[2]/…` for the second. */
function renumber(problem: SignatureProblem, i: number): SignatureProblem {
  if (i === 0 || !problem.path) return problem;
  return { ...problem, path: problem.path.replace('/alert/Signature', `/alert/Signature[${i + 1}]`) };
}
