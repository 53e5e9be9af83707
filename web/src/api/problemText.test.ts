import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json';
import kk from '../i18n/kk.json';
import planningEn from '../i18n/planning/en.json';
import planningKk from '../i18n/planning/kk.json';
import planningRu from '../i18n/planning/ru.json';
import ru from '../i18n/ru.json';
import { isConflict } from '../pages/exercises/conflict';
import { ApiError } from './client';
import { problemText } from './problemText';

const frozen = new ApiError(
  409,
  'plan_frozen',
  'The exercise is running: its plan is frozen and can no longer change',
  'status',
  { status: 'running' },
);

async function sentence(lng: 'kk' | 'ru' | 'en', error: ApiError): Promise<string> {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: {
      en: { translation: { ...en, ...planningEn } },
      kk: { translation: { ...kk, ...planningKk } },
      ru: { translation: { ...ru, ...planningRu } },
    },
  });
  return problemText(error, i18n.t, (key) => i18n.exists(key));
}

describe('a frozen plan in the reader’s language', () => {
  it('names the exercise status in Kazakh, Russian and English', async () => {
    expect(await sentence('en', frozen)).toBe(
      'The exercise’s status is “Running”: its plan is frozen and can no longer be changed.',
    );
    expect(await sentence('ru', frozen)).toBe(
      'Учение в состоянии «Идёт»: его план заморожен и больше не может меняться.',
    );
    expect(await sentence('kk', frozen)).toMatch(/^Жаттығудың күйі — «[^»]+»: оның жоспары/);
    expect(await sentence('kk', frozen)).not.toMatch(/running/);
  });

  it('is not shown as someone else having saved first; a stale version is', () => {
    expect(isConflict(frozen)).toBe(false);
    expect(isConflict(new ApiError(409, 'stale_version', 'changed meanwhile', 'version'))).toBe(true);
  });

  it('keeps the server’s sentence for codes the console has no words for', async () => {
    expect(await sentence('ru', new ApiError(422, 'invalid_input', 'title: is required', 'title'))).toBe(
      'title: is required',
    );
  });
});
