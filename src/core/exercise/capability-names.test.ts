import { describe, expect, it } from 'vitest';
import { CORE_CAPABILITIES } from './capabilities.js';
import { capabilityDescription, capabilityName, untranslatedCapabilities } from './capability-names.js';

describe('core capability names in the reader’s language', () => {
  it('has every shipped capability in Kazakh and Russian, in their own script and all distinct', () => {
    expect(untranslatedCapabilities()).toEqual([]);
    for (const lang of ['kk', 'ru'] as const) {
      const names = CORE_CAPABILITIES.map((c) => capabilityName(c.key, c.name, lang));
      expect(new Set(names).size, lang).toBe(names.length);
      for (const c of CORE_CAPABILITIES) {
        const name = capabilityName(c.key, c.name, lang);
        const description = capabilityDescription(c.key, c.description, lang);
        expect(name, `${lang} ${c.key}`).not.toMatch(/[A-Za-z]/);
        expect(description, `${lang} ${c.key}`).not.toMatch(/[A-Za-z]/);
      }
    }
  });

  it('keeps the catalogue’s English for English readers', () => {
    expect(capabilityName('operational-coordination', 'Operational Coordination', 'en')).toBe(
      'Operational Coordination',
    );
    expect(capabilityName('operational-coordination', 'Operational Coordination', 'kk')).toBe(
      'Жедел үйлестіру',
    );
    expect(capabilityName('operational-coordination', 'Operational Coordination', 'ru')).toBe(
      'Оперативная координация',
    );
  });

  it('never replaces an administrator’s own wording, nor a capability they added', () => {
    expect(capabilityName('operational-coordination', 'Joint command', 'ru')).toBe('Joint command');
    expect(capabilityName('border-control', 'Шекара бақылауы', 'ru')).toBe('Шекара бақылауы');
    expect(capabilityDescription('housing', 'Temporary homes within 72 hours.', 'kk')).toBe(
      'Temporary homes within 72 hours.',
    );
  });
});
