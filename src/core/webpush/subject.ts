import type { FieldFault, MessageParams } from '../messages/catalogue.js';
import type { FieldProblem } from '../messages/codes.js';

/**
 * The VAPID subject (RFC 8292 §2.1): how a push service reaches whoever runs this server when its
 * pushes cause trouble. Apple's push service refuses a subject on a reserved or example domain, and
 * the others are entitled to, so such a subject is refused at start-up rather than at the first
 * alert.
 */

/** Top-level names reserved by RFC 2606 and RFC 6761: nobody can be reached there. */
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'local']);
/** Second-level names reserved for documentation (RFC 2606 §3). */
const EXAMPLE_DOMAINS = new Set(['example.com', 'example.net', 'example.org', 'example.edu']);

/** What is wrong, in English, and as a catalogue fault for the other languages. */
export interface SubjectFault {
  problem: string;
  fault: FieldFault;
}

const fault = (problem: string, key: FieldProblem, params?: MessageParams): SubjectFault => ({
  problem,
  fault: { problem: key, ...(params ? { params } : {}) },
});

/** What is wrong with a domain for a contact, or null when it may be used. */
function domainProblem(domain: string): SubjectFault | null {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (!d.includes('.'))
    return fault(`"${d}" is not a domain on the internet`, 'subject_not_internet_domain', { domain: d });
  if (/^[\d.]+$/.test(d) || d.includes(':'))
    return fault('must name a domain, not an address', 'subject_address_not_domain');
  const labels = d.split('.');
  const tld = labels[labels.length - 1]!;
  if (RESERVED_TLDS.has(tld))
    return fault(`".${tld}" is a reserved domain that nobody can be reached at`, 'subject_reserved_domain', {
      domain: `.${tld}`,
    });
  if (EXAMPLE_DOMAINS.has(labels.slice(-2).join('.')) || labels.includes('example'))
    return fault(`"${d}" is an example domain that nobody can be reached at`, 'subject_example_domain', {
      domain: d,
    });
  if (!labels.every((l) => /^[a-z0-9-]{1,63}$/.test(l) && !l.startsWith('-') && !l.endsWith('-')))
    return fault(`"${d}" is not a valid domain`, 'subject_invalid_domain', { domain: d });
  return null;
}

const SCHEMES = fault('must be a mailto: address or an https: URL', 'subject_scheme', {
  schemes: 'mailto:…, https://…',
});

/**
 * What is wrong with a VAPID subject, or null when it is a real `mailto:` or `https:` contact: the
 * English the start-up prints, and the fault that words it in the operator's language.
 */
export function vapidSubjectFault(raw: string): SubjectFault | null {
  if (/^mailto:/i.test(raw)) {
    const address = raw.slice('mailto:'.length);
    const m = /^[^\s@<>()",;:?]+@([^\s@<>()",;:?]+)$/.exec(address);
    if (!m)
      return fault(
        'a mailto: subject must be one e-mail address, as mailto:duty@dabyl.gov.kz',
        'subject_mailto_one_address',
        { example: 'mailto:duty@dabyl.gov.kz' },
      );
    return domainProblem(m[1]!);
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return SCHEMES;
  }
  if (u.protocol !== 'https:') return SCHEMES;
  if (u.username || u.password) return fault('must not carry a user name or password', 'subject_credentials');
  return domainProblem(u.hostname);
}

/** What is wrong with a VAPID subject, in English, or null when it is a real contact. */
export const vapidSubjectProblem = (raw: string): string | null => vapidSubjectFault(raw)?.problem ?? null;
