/** Identifier, sender, references and scope: the rules CAP 1.2 states in its element tables. */
import { isCapDateTime } from '../../datetime.js';
import type { CapRule } from '../rule.js';

const FORBIDDEN = /[\s,<&]/;

export const identifierCharacters: CapRule = {
  id: 'cap.identifier.characters',
  severity: 'error',
  description: 'identifier and sender contain no spaces, commas, "<" or "&" (CAP 1.2 §3.2.1).',
  check({ alert }, report) {
    for (const name of ['identifier', 'sender'] as const) {
      const value = alert[name];
      const bad = FORBIDDEN.exec(value)?.[0];
      if (bad !== undefined) {
        if (/\s/.test(bad)) report(`/alert/${name}`, 'rule_identifier_space', { element: name });
        else report(`/alert/${name}`, 'rule_identifier_character', { element: name, character: bad });
      }
    }
  },
};

const NEEDS_REFERENCES = new Set(['Update', 'Cancel', 'Ack', 'Error']);

export const referencesRequired: CapRule = {
  id: 'cap.references.required',
  severity: 'error',
  description: 'Update, Cancel, Ack and Error messages name the messages they refer to in references.',
  check({ alert }, report) {
    if (NEEDS_REFERENCES.has(alert.msgType) && (alert.references ?? '').trim() === '') {
      report('/alert/references', 'rule_references_required', { msgType: alert.msgType });
    }
  },
};

/** One entry of `references`: the sender, identifier and sent time of an earlier message. */
export interface CapReference {
  sender: string;
  identifier: string;
  sent: string;
}

/** Splits `references` into triples; entries not in "sender,identifier,sent" form come back as text. */
export function readReferences(text: string): (CapReference | string)[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  return trimmed.split(/\s+/).map((entry) => {
    const parts = entry.split(',');
    if (parts.length !== 3 || parts[0] === '' || parts[1] === '' || !isCapDateTime(parts[2]!)) return entry;
    return { sender: parts[0]!, identifier: parts[1]!, sent: parts[2]! };
  });
}

export const referencesFormat: CapRule = {
  id: 'cap.references.format',
  severity: 'error',
  description: 'references is a space-separated list of "sender,identifier,sent" triples.',
  check({ alert }, report) {
    if (alert.references === undefined) return;
    for (const entry of readReferences(alert.references)) {
      if (typeof entry === 'string') {
        report('/alert/references', 'rule_references_format', { entry, form: 'sender,identifier,sent' });
      }
    }
  },
};

export const scopeRecipients: CapRule = {
  id: 'cap.scope.recipients',
  severity: 'error',
  description: 'A Private message lists its addresses; a Restricted message states its restriction.',
  check({ alert }, report) {
    if (alert.scope === 'Private' && (alert.addresses ?? '').trim() === '') {
      report('/alert/addresses', 'rule_scope_private', { scope: alert.scope });
    }
    if (alert.scope === 'Restricted' && (alert.restriction ?? '').trim() === '') {
      report('/alert/restriction', 'rule_scope_restricted', { scope: alert.scope });
    }
  },
};
