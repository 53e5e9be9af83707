import { describe, expect, it } from 'vitest';
import { OUTBOX_SOURCE_KINDS } from '../../../../src/core/messages/codes';
import { RESOURCES } from '../../i18n/resources';

/*
 * The fan-outs table names what was sent (a notice, an inject, an alert…): every kind of source the
 * outbox delivers has its word in every language, or a Kazakh PIO reads "inject".
 */
describe('the fan-outs’ source words', () => {
  it.each(['en', 'kk', 'ru'] as const)('names every source the outbox delivers in %s', (lang) => {
    const named = (RESOURCES[lang].fanouts as { sourceKind: Record<string, string> }).sourceKind;
    expect(OUTBOX_SOURCE_KINDS.filter((k) => !named[k]?.trim())).toEqual([]);
  });
});
