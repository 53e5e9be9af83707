/** URIs and embedded resources. */
import { createHash } from 'node:crypto';
import type { CapRule } from '../rule.js';
import { eachInfo, eachResource } from '../walk.js';

const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$/;
const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export const absoluteUris: CapRule = {
  id: 'cap.uri.absolute',
  severity: 'error',
  description:
    'info/web and resource/uri are absolute URIs; a resource uri may be relative only beside derefUri.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      if (info.web !== undefined && !ABSOLUTE_URI.test(info.web)) {
        report(`${p}/web`, 'rule_uri_absolute', { uri: info.web });
      }
    });
    eachResource(alert, (r, p) => {
      if (r.uri !== undefined && r.derefUri === undefined && !ABSOLUTE_URI.test(r.uri)) {
        report(`${p}/uri`, 'rule_uri_relative', { uri: r.uri });
      }
    });
  },
};

export const derefBase64: CapRule = {
  id: 'cap.resource.deref-base64',
  severity: 'error',
  description: 'derefUri carries the resource in base64.',
  check({ alert }, report) {
    eachResource(alert, (r, p) => {
      if (r.derefUri !== undefined && !BASE64.test(r.derefUri)) {
        report(`${p}/derefUri`, 'rule_deref_base64');
      }
    });
  },
};

export const embeddedIntegrity: CapRule = {
  id: 'cap.resource.integrity',
  severity: 'warning',
  description: "An embedded resource's size and SHA-1 digest match its content.",
  check({ alert }, report) {
    eachResource(alert, (r, p) => {
      if (r.derefUri === undefined || !BASE64.test(r.derefUri)) return;
      const bytes = Buffer.from(r.derefUri, 'base64');
      if (r.size !== undefined && r.size !== bytes.length) {
        report(`${p}/size`, 'rule_size_mismatch', { size: r.size, actual: bytes.length });
      }
      if (r.digest !== undefined) {
        const actual = createHash('sha1').update(bytes).digest('hex');
        if (actual !== r.digest.trim().toLowerCase()) {
          report(`${p}/digest`, 'rule_digest_mismatch', { actual });
        }
      }
    });
  },
};

export const digestForm: CapRule = {
  id: 'cap.resource.digest-form',
  severity: 'warning',
  description: 'digest is a SHA-1 hash: 40 hexadecimal digits.',
  check({ alert }, report) {
    eachResource(alert, (r, p) => {
      if (r.digest !== undefined && !/^\s*[0-9A-Fa-f]{40}\s*$/.test(r.digest)) {
        report(`${p}/digest`, 'rule_digest_form', { digest: r.digest });
      }
    });
  },
};
