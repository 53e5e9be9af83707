import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { keptInLatin } from '../../../test/support/glossary.js';
import { placeholders, type Catalogue } from './catalogue.js';
import {
  AUDIT_ACTIONS,
  CATALOGUES,
  DELIVERY_REASONS,
  ERROR_CODES,
  FIELD_PROBLEMS,
  MESSAGE_LANGS,
  PROBLEM_STATUSES,
  auditText,
  deliveryText,
  errorText,
  failureText,
  languageOf,
  problemText,
} from './messages.js';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/** Every non-test TypeScript file under src, with its text. */
function sources(dir = path.join(ROOT, 'src')): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    if (!e.name.endsWith('.ts') || e.name.endsWith('.test.ts')) return [];
    return [[path.relative(ROOT, full), readFileSync(full, 'utf8')] as [string, string]];
  });
}

/** What a source file uses, found by the shapes codes are written in, with where. */
function used(pattern: RegExp): Map<string, string> {
  const found = new Map<string, string>();
  for (const [file, text] of sources())
    for (const m of text.matchAll(pattern)) {
      const code = m.slice(1).find(Boolean)!;
      if (!found.has(code)) found.set(code, file);
    }
  return found;
}

type Section = 'errors' | 'problems' | 'audit' | 'titles' | 'deliveries';
const DECLARED: Record<Section, readonly (string | number)[]> = {
  errors: ERROR_CODES,
  problems: FIELD_PROBLEMS,
  audit: AUDIT_ACTIONS,
  titles: PROBLEM_STATUSES,
  deliveries: DELIVERY_REASONS,
};
const section = (c: Catalogue, s: Section) => c[s] as Record<string | number, string | undefined>;

/** Words in Latin letters a Kazakh or Russian sentence may hold (docs/glossary.md and placeholders aside). */
const KEPT_IN_LATIN = keptInLatin();
const latinWords = (text: string) =>
  [...text.replace(/\{\w+\}/g, ' ').matchAll(/[A-Za-z][A-Za-z]+/g)]
    .map((m) => m[0])
    .filter((w) => !KEPT_IN_LATIN.has(w));

describe('the message catalogue', () => {
  it('words every declared code in every language', () => {
    const missing = MESSAGE_LANGS.flatMap((lang) =>
      (Object.keys(DECLARED) as Section[]).flatMap((s) =>
        DECLARED[s]
          .filter((code) => !section(CATALOGUES[lang], s)[code]?.trim())
          .map((code) => `${lang}: ${s}.${code} has no text (src/core/messages/${lang}.ts)`),
      ),
    );
    expect(missing).toEqual([]);
  });

  it('declares every code it words (no stale entries)', () => {
    const extra = MESSAGE_LANGS.flatMap((lang) =>
      (Object.keys(DECLARED) as Section[]).flatMap((s) =>
        Object.keys(section(CATALOGUES[lang], s))
          .filter((key) => !DECLARED[s].map(String).includes(key))
          .map((key) => `${lang}: ${s}.${key} is not declared in src/core/messages/codes.ts`),
      ),
    );
    expect(extra).toEqual([]);
  });

  it('has every error code the source throws and every audit action it records', () => {
    // The compiler holds AppError and appendAudit to the declared lists; this also catches a code
    // that reaches them through a cast, and names the file.
    const codes = used(/new AppError\(\s*'([a-z_]+)'|\brefuse\(\s*'([a-z_]+)',/g);
    const actions = used(/\baction: '([a-z-]+(?:\.[a-z_-]+)+)'/g);
    expect(codes.has('plan_frozen') && codes.has('clock_ended')).toBe(true);
    expect(actions.has('exercise.created')).toBe(true);
    const errorCodes = new Set<string>(ERROR_CODES);
    const auditActions = new Set<string>(AUDIT_ACTIONS);
    const missing = [
      ...[...codes]
        .filter(([c]) => !errorCodes.has(c))
        .map(([c, file]) => `error code ${c} (in ${file}) is not in ERROR_CODES`),
      ...[...actions]
        .filter(([a]) => !auditActions.has(a))
        .map(([a, file]) => `audit action ${a} (in ${file}) is not in AUDIT_ACTIONS`),
    ];
    expect(missing).toEqual([]);
  });

  it('asks for the same values in every language, so no placeholder is left unfilled', () => {
    const differ = (['kk', 'ru'] as const).flatMap((lang) =>
      (Object.keys(DECLARED) as Section[]).flatMap((s) =>
        DECLARED[s]
          .filter(
            (code) =>
              placeholders(section(CATALOGUES[lang], s)[code] ?? '').join() !==
              placeholders(section(CATALOGUES.en, s)[code] ?? '').join(),
          )
          .map((code) => `${lang}: ${s}.${code} names other values than English`),
      ),
    );
    expect(differ).toEqual([]);
  });

  it.each(['kk', 'ru'] as const)('leaves no English in the %s sentences', (lang) => {
    const c = CATALOGUES[lang];
    const found = [
      ...(Object.keys(DECLARED) as Section[]).flatMap((s) =>
        Object.entries(section(c, s)).flatMap(([code, text]) =>
          latinWords(text ?? '').map((w) => `${lang}: ${s}.${code}: ${w}`),
        ),
      ),
      ...Object.values(c.words).flatMap((words: Record<string, string>) =>
        Object.values(words).flatMap((text) => latinWords(text).map((w) => `${lang}: words: ${w}`)),
      ),
    ];
    expect(found).toEqual([]);
  });

  it('shows a value by its word, never its code', () => {
    expect(errorText('ru', 'plan_frozen', { status: 'running' })).toBe(
      'Учения в статусе «Идёт»: их план заморожен и больше не меняется',
    );
    expect(errorText('kk', 'plan_frozen', { status: 'paused' })).toContain('«Тоқтатылған»');
    expect(problemText('ru', 'type', { type: 'string' })).toBe('должно иметь тип «текст»');
    expect(problemText('kk', 'format', { format: 'uuid' })).toBe('«сәйкестендіргіш» пішімінде болуы керек');
    expect(problemText('en', 'format', { format: 'date-time' })).toBe('must be date-time');
  });

  it('words the statuses of a refused move, and each status of the allowed list', () => {
    const moved = { fromStatus: 'ended', toStatus: 'draft', allowedStatuses: 'evaluated, archived' };
    expect(problemText('ru', 'cannot_transition', moved)).toBe(
      'нельзя перейти из статуса «Завершено» в «Черновик»; можно: Оценено, В архиве',
    );
    const kk = problemText('kk', 'cannot_transition', moved);
    for (const code of ['ended', 'draft', 'evaluated', 'archived']) expect(kk).not.toContain(code);
  });

  it('words an audit entry, and one this server no longer knows, without its code', () => {
    expect(auditText('kk', 'clock.startex')).toBe('STARTEX берді');
    expect(auditText('ru', 'exercise.created', { name: 'x' })).toBe('Создал(а) учения');
    expect(auditText('ru', 'test.parallel')).toBe('Записанное действие');
  });

  it('takes the language from Accept-Language by weight, and none when it names none of kk, ru, en', () => {
    expect(languageOf('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(languageOf('de;q=1, kk;q=0.5, ru;q=0.7')).toBe('ru');
    expect(languageOf('kk')).toBe('kk');
    expect(languageOf('de-DE')).toBeUndefined();
    expect(languageOf(undefined)).toBeUndefined();
  });

  it("words a delivery's reason with its cause and a field's problem, and each value by its word", () => {
    const ended = {
      reason: 'address_ended',
      cause: {
        reason: 'push_subscription',
        params: { field: 'subscription/keys/auth' },
        fault: { problem: 'push_secret_form' },
      },
    } as const;
    expect(deliveryText('en', ended)).toBe(
      'the address has ended: the push subscription/keys/auth must be a 16-byte secret (base64url)',
    );
    const ru = deliveryText('ru', ended);
    expect(ru).toMatch(
      /^адрес больше не действует: подписка на веб-уведомления, поле subscription\/keys\/auth: /,
    );
    expect(
      deliveryText('kk', { reason: 'source_not_over', params: { source: 'inject', channel: 'webpush' } }),
    ).toBe('кіріспе: «веб-хабарламалар» арнасы арқылы жіберілмейді');
    const gaveUp = {
      reason: 'gave_up',
      params: { hours: 72 },
      cause: { reason: 'sms_no_bind', cause: { reason: 'sms_bind_refused', params: { answer: 13 } } },
    };
    expect(failureText('ru', 'English text', JSON.stringify(gaveUp))).toBe(
      'попытки прекращены через 72 ч: ни одно соединение SMPP не установлено: SMSC отклонил подключение: код 13',
    );
  });

  it('shows the stored text of a failure whose reason it cannot read, and nothing for none', () => {
    expect(failureText('kk', 'kept before reasons', null)).toBe('kept before reasons');
    expect(failureText('kk', 'from a newer version', '{"reason":"not_a_reason"}')).toBe(
      'from a newer version',
    );
    expect(failureText('kk', 'broken', '{not json')).toBe('broken');
    expect(failureText('kk', 'bad cause', '{"reason":"gave_up","cause":{"reason":"nope"}}')).toBe(
      'bad cause',
    );
    expect(failureText('kk', null, '{"reason":"address_erased"}')).toBeNull();
  });
});
