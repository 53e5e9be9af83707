/**
 * One call from bytes to a report: parse, validate every alert found, count. The CLI's `cap validate`
 * and the API's `POST /cap/validate` both present this report.
 */
import { capFinding, type CapFinding } from './finding.js';
import type { CapVersion } from './model.js';
import { parseCapDocument } from './parse.js';
import type { CapWrapper, ParseCapOptions, ParsedCap } from './parse.js';
import { resolveProfiles, validateCap } from './validate/validate.js';
import type { ValidateCapOptions } from './validate/validate.js';
import { checkReferencesExist } from './validate/store.js';
import type { CapMessageStore } from './validate/store.js';
import { CapParseError } from './xml/errors.js';

/** The verdict on one alert of a document. */
export interface CapMessageReport {
  location: string;
  version: CapVersion;
  identifier: string;
  signed: boolean;
  valid: boolean;
  findings: CapFinding[];
}

/** The verdict on a document: its alerts, and problems with the document as a whole. */
export interface CapReport {
  /** True when the document could be read, holds at least one alert, and no finding is an error. */
  valid: boolean;
  /** The envelope, or null when the document could not be read. */
  wrapper: CapWrapper | null;
  messages: CapMessageReport[];
  /** Problems of the document itself (unreadable, refused, no alert in it), with path "/". */
  findings: CapFinding[];
  errors: number;
  warnings: number;
}

/** Checks a signed alert; supplied by the XML-DSig module so this library does not depend on it. */
export type SignatureCheck = (
  input: Uint8Array | string,
  message: ParsedCap,
) => CapFinding[] | Promise<CapFinding[]>;

/** Options of {@link checkCap}. */
export interface CheckCapOptions extends ValidateCapOptions, ParseCapOptions {
  /** Lets Update and Cancel be checked against the messages already known. */
  store?: CapMessageStore;
  /** Verifies XML-DSig signatures of alerts that carry one. */
  verifySignature?: SignatureCheck;
}

const countOf = (findings: CapFinding[], severity: CapFinding['severity']): number =>
  findings.reduce((n, f) => n + (f.severity === severity ? 1 : 0), 0);

function summarise(
  wrapper: CapWrapper | null,
  messages: CapMessageReport[],
  findings: CapFinding[],
): CapReport {
  const all = [...findings, ...messages.flatMap((m) => m.findings)];
  const errors = countOf(all, 'error');
  return {
    valid: errors === 0 && messages.length > 0,
    wrapper,
    messages,
    findings,
    errors,
    warnings: countOf(all, 'warning'),
  };
}

/**
 * Reads `input` and validates every CAP alert in it. Never throws for bad input (an unreadable
 * document is a report with a document-level error); throws only for a caller's mistake such as an
 * unknown profile id, which is checked before reading.
 */
export async function checkCap(
  input: Uint8Array | string,
  options: CheckCapOptions = {},
): Promise<CapReport> {
  resolveProfiles(options.profiles);
  let document;
  try {
    document = parseCapDocument(input, options);
  } catch (err) {
    if (!(err instanceof CapParseError)) throw err;
    return summarise(null, [], [capFinding('/', 'error', err.code, err.words)]);
  }
  const messages: CapMessageReport[] = [];
  for (const parsed of document.messages) {
    const findings = [
      ...parsed.findings,
      ...validateCap(parsed.alert, { ...options, version: parsed.version }),
      ...(options.store ? await checkReferencesExist(parsed.alert, options.store) : []),
      ...(parsed.signed && options.verifySignature ? await options.verifySignature(input, parsed) : []),
    ];
    messages.push({
      location: parsed.location,
      version: parsed.version,
      identifier: parsed.alert.identifier,
      signed: parsed.signed,
      valid: !findings.some((f) => f.severity === 'error'),
      findings,
    });
  }
  const docFindings: CapFinding[] =
    messages.length === 0
      ? [
          capFinding('/', 'error', 'cap.no-alert', {
            key: 'wrapper_holds_none',
            params: { wrapper: document.wrapper },
          }),
        ]
      : [];
  return summarise(document.wrapper, messages, docFindings);
}
