import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RATED_KINDS } from '../../../src/core/evaluation/rating';
import { actorLabel, subjectLabel } from '../components/actorLabel';
import { describeDetail, recordedDetail } from '../components/auditDetail';
import { RESOURCES } from './resources';

const SRC = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../../src');

/** Every subject kind the server's source records an audit entry about, written as a literal. */
function recordedSubjects(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return recordedSubjects(full);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.test.ts')) return [];
    return [...readFileSync(full, 'utf8').matchAll(/subjectType: '([a-z_-]+)'/g)].map((m) => m[1]!);
  });
}

/**
 * The audit table names each entry's subject and who acted in the reader's language: a subject
 * kind the server starts recording must get its words here, or the Kazakh console shows a code.
 */
describe('the audit log’s words', () => {
  const subjects = [...new Set([...recordedSubjects(), ...RATED_KINDS])].sort();

  it('finds the subject kinds the server records', () => {
    expect(subjects).toEqual(
      expect.arrayContaining(['exercise', 'notice', 'boundary-set', 'capability_target']),
    );
  });

  it.each(['en', 'kk', 'ru'] as const)('names every recorded subject kind in %s', (lang) => {
    const named = (RESOURCES[lang].audit as { subjects: Record<string, string> }).subjects;
    expect(subjects.filter((s) => !named[s]?.trim())).toEqual([]);
  });

  it('words the system and the demo load as actors, and keeps a person’s name as written', async () => {
    const t = await i18next
      .createInstance()
      .init({ lng: 'ru', resources: { ru: { translation: RESOURCES.ru } } });
    expect(actorLabel(t, 'system')).toBe('Система');
    expect(actorLabel(t, null)).toBe('Система');
    expect(actorLabel(t, 'demo data (as pio.esd)')).toBe('демонстрационные данные (от имени pio.esd)');
    expect(actorLabel(t, 'Aigerim Zhanova')).toBe('Aigerim Zhanova');
    expect(subjectLabel(t, 'boundary-set')).toBe('набор границ');
  });

  it('words the detail’s keys and coded values, and leaves ids and unworded codes to the stored record', async () => {
    const i18n = i18next.createInstance();
    const t = await i18n.init({ lng: 'kk', resources: { kk: { translation: RESOURCES.kk } } });
    const siren = {
      name: 'Karaganda training range',
      topicPrefix: 'demo/karaganda/range-1',
      purpose: 'exercise',
    };
    expect(describeDetail(t, i18n, 'siren', siren)).toBe(
      `атауы: Karaganda training range, MQTT тақырыбы: demo/karaganda/range-1, мақсаты: ${t('sirens.purposes.exercise')}`,
    );
    expect(
      describeDetail(t, i18n, 'comment', {
        noticeId: '7d0c221d-d5bc-46d6-b777-e5df7cce5f17',
        was: 'pending',
      }),
    ).toBe('бұрын: тексеруді күтуде');
    expect(describeDetail(t, i18n, 'user', { fields: ['locale'] })).toBe('');
    expect(describeDetail(t, i18n, 'exercise', { from: 'draft', to: 'planned', whole: false })).toBe(
      `бұрынғы мәртебесі: ${t('planning.status.draft')}, жаңа мәртебесі: ${t('planning.status.planned')}, бүкіл жоспар: жоқ`,
    );
    // STARTEX with injects awaiting review: how many, and what the controller chose for them.
    expect(
      describeDetail(t, i18n, 'exercise', { mode: 'exercise', unapproved: 2, unapprovedChoice: 'hold' }),
    ).toBe('бекітілмеген кіріспелер: 2, ол кіріспелер: бақылаушы шешкенше ұсталды');
    // A code with no word is not shown as a code; the hover keeps the record as stored.
    expect(describeDetail(t, i18n, 'siren', { purpose: 'unheard-of' })).toBe('');
    expect(recordedDetail({ purpose: 'unheard-of', n: [1] })).toBe('purpose: unheard-of, n: [1]');
  });
});
