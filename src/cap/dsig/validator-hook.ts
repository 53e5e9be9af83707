import type { SignatureCheck } from '../check.js';
import { embeddedAlerts } from './embedded.js';
import { verdictFindings } from './findings.js';
import { verifyEachSignature, type SignatureVerdict, type VerifyEachOptions } from './verify-each.js';

/**
 * The hook `checkCap` calls for alerts that carry a signature, verifying each signature on its own
 * against `options` (trust anchors, receipt time), and handing the verdicts to `seen` by the
 * alert's location. An alert inside Atom, RSS or EDXL-DE is verified as the standalone document
 * its originator signed (see embedded.ts): verified against the wrapper, `URI=""` would mean the
 * wrapper, which nobody signed. Bytes are read as UTF-8, which is what signing tools emit.
 */
export function capSignatureChecker(
  options: VerifyEachOptions = {},
  seen?: (location: string, verdicts: SignatureVerdict[]) => void,
): SignatureCheck {
  // checkCap asks once per alert of a document: the wrapper is taken apart once, not once each.
  let last: { input: Uint8Array | string; alerts: Map<string, string> } | undefined;
  const alertsOf = (input: Uint8Array | string, text: string): Map<string, string> => {
    if (last?.input !== input) {
      const found = embeddedAlerts(text);
      last = {
        input,
        alerts: new Map('alerts' in found ? found.alerts.map((a) => [a.location, a.xml]) : []),
      };
    }
    return last.alerts;
  };
  return (input, message) => {
    const text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
    const signed =
      message.location === '/alert' ? text : (alertsOf(input, text).get(message.location) ?? text);
    const verdicts = verifyEachSignature(signed, options);
    seen?.(message.location, verdicts);
    return verdictFindings(verdicts);
  };
}

/** {@link capSignatureChecker} with no trust anchors: each signature judged on its own. */
export const capSignatureCheck: SignatureCheck = capSignatureChecker();
