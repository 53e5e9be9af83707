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

/** What is wrong with a domain for a contact, in words, or null when it may be used. */
function domainProblem(domain: string): string | null {
  const d = domain.toLowerCase().replace(/\.$/, '');
  if (!d.includes('.')) return `"${d}" is not a domain on the internet`;
  if (/^[\d.]+$/.test(d) || d.includes(':')) return 'must name a domain, not an address';
  const labels = d.split('.');
  const tld = labels[labels.length - 1]!;
  if (RESERVED_TLDS.has(tld)) return `".${tld}" is a reserved domain that nobody can be reached at`;
  if (EXAMPLE_DOMAINS.has(labels.slice(-2).join('.')) || labels.includes('example'))
    return `"${d}" is an example domain that nobody can be reached at`;
  if (!labels.every((l) => /^[a-z0-9-]{1,63}$/.test(l) && !l.startsWith('-') && !l.endsWith('-')))
    return `"${d}" is not a valid domain`;
  return null;
}

/** What is wrong with a VAPID subject, or null when it is a real `mailto:` or `https:` contact. */
export function vapidSubjectProblem(raw: string): string | null {
  if (/^mailto:/i.test(raw)) {
    const address = raw.slice('mailto:'.length);
    const m = /^[^\s@<>()",;:?]+@([^\s@<>()",;:?]+)$/.exec(address);
    if (!m) return 'a mailto: subject must be one e-mail address, as mailto:duty@dabyl.gov.kz';
    return domainProblem(m[1]!);
  }
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'must be a mailto: address or an https: URL';
  }
  if (u.protocol !== 'https:') return 'must be a mailto: address or an https: URL';
  if (u.username || u.password) return 'must not carry a user name or password';
  return domainProblem(u.hostname);
}
