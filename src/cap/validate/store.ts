/** The optional hook through which the validator asks whether referenced messages exist. */
import { capFinding, type CapFinding } from '../finding.js';
import type { CapAlert } from '../model.js';
import { readReferences } from './rules/identity.js';
import type { CapReference } from './rules/identity.js';

/** Whatever keeps the messages already sent or received (a database, a feed cache, a test array). */
export interface CapMessageStore {
  has(reference: CapReference): boolean | Promise<boolean>;
}

/** Rule id of the findings {@link checkReferencesExist} produces. */
export const REFERENCES_EXIST_RULE = 'cap.references.exist';

/** An Update or Cancel must refer only to messages the store knows. */
export async function checkReferencesExist(alert: CapAlert, store: CapMessageStore): Promise<CapFinding[]> {
  if (alert.msgType !== 'Update' && alert.msgType !== 'Cancel') return [];
  const findings: CapFinding[] = [];
  for (const ref of readReferences(alert.references ?? '')) {
    if (typeof ref === 'string' || (await store.has(ref))) continue;
    findings.push(
      capFinding('/alert/references', 'error', REFERENCES_EXIST_RULE, {
        key: 'rule_reference_unknown',
        params: { msgType: alert.msgType, identifier: ref.identifier, sender: ref.sender, sent: ref.sent },
      }),
    );
  }
  return findings;
}
