import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import {
  openPlanningHarness,
  seedKaraganda,
  type PlanningHarness,
  type SeededExercise,
  type Who,
} from './harness.js';

const XSS = 'Karaganda <script>alert("x")</script> & <img src=x onerror=alert(1)>';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** The visible text of a DOCX part: the text runs of its XML, entities decoded. */
const textOf = (xml: string) =>
  [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!)
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe.each(ENGINES)('documents for participants on %s', (engine) => {
  let h: PlanningHarness;
  let seed: SeededExercise;
  // The fixed text is in the reader's language (kk by default); these checks read the English one.
  const url = (file: string, lang = 'en') =>
    `/api/v1/exercises/${seed.exerciseId}/documents/${file}${lang ? `?lang=${lang}` : ''}`;

  beforeAll(async () => {
    h = await openPlanningHarness(engine);
    seed = await seedKaraganda(h, XSS);
  });
  afterAll(async () => h?.close());

  it('never gives players or observers the handbook or the SitMan, in either format', async () => {
    for (const who of ['player', 'observer'] as Who[])
      for (const file of ['handbook.html', 'handbook.docx', 'sitman.html', 'sitman.docx']) {
        const res = await h.call(who, 'GET', url(file));
        expect(res.statusCode, `${who} ${file}`).toBe(403);
        expect(res.body).not.toContain('CONTROLLER-ONLY');
      }
    expect((await h.call(null, 'GET', url('explan.html'))).statusCode).toBe(401);
    expect((await h.call('player', 'GET', url('msel.html'))).statusCode).toBe(400);
  });

  it('gives players an ExPlan with objectives, schedule, venues and safety, and nothing of the play', async () => {
    const res = await h.call('player', 'GET', url('explan.html'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    const html = res.body;
    for (const expected of [
      'For official use only',
      'unified command post at the prison',
      'Operational Coordination',
      'Road closed: Bukhar-Zhyrau Ave',
      '2026-10-25 09:00 (UTC+05:00)',
      'Karaganda correctional colony',
      'EXERCISE EXERCISE EXERCISE',
      'Aigerim Sadykova',
    ])
      expect(html).toContain(expected);
    for (const secret of [
      'SECRET-SCENARIO',
      'CONTROLLER-ONLY',
      'Shots at the prison gate',
      'Who takes command?',
    ])
      expect(html).not.toContain(secret);
    // Even a controller asking for the ExPlan gets the players' document.
    expect((await h.call('controller', 'GET', url('explan.html'))).body).not.toContain('SECRET-SCENARIO');
  });

  it('renders names with markup as text: no script or element can be injected', async () => {
    const html = (await h.call('controller', 'GET', url('handbook.html'))).body;
    expect(html).toContain(
      'Karaganda &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;',
    );
    expect(html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(
      html
        .match(/<[a-z][a-z0-9]*/g)!
        .every((tag) =>
          /^<(html|head|meta|title|style|body|div|header|p|h[1-6]|main|dl|dt|dd|ul|li|table|thead|tbody|tr|th|td|br)$/.test(
            tag,
          ),
        ),
    ).toBe(true);
  });

  it('gives controllers the handbook: scenario, MSEL with controller notes, critical tasks', async () => {
    const html = (await h.call('evaluator', 'GET', url('handbook.html'))).body;
    for (const expected of [
      'SECRET-SCENARIO',
      'CONTROLLER-ONLY: fire blanks at 09:31',
      'Shots at the prison gate',
      'H+00:30',
      'Critical task: Set up the command post',
      'Police motor patrol 7',
    ])
      expect(html).toContain(expected);
    const sitman = (await h.call('controller', 'GET', url('sitman.html'))).body;
    expect(sitman).toContain('Module 1: the prison gate');
    expect(sitman).toContain('Who takes command?');
  });

  it('writes DOCX files with the marking in the header and footer of every page', async () => {
    for (const [who, kind] of [
      ['player', 'explan'],
      ['controller', 'handbook'],
      ['controller', 'sitman'],
    ] as const) {
      const res = await h.call(who, 'GET', url(`${kind}.docx`));
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe(DOCX);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename=".+-.+\.docx"/);
      const zip = await JSZip.loadAsync(res.rawPayload);
      const document = textOf(await zip.file('word/document.xml')!.async('string'));
      expect(document).toContain(XSS);
      expect(document).toContain('unified command post at the prison');
      const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
      const parts = [...rels.matchAll(/Target="((?:header|footer)\d+\.xml)"/g)].map((m) => m[1]!);
      expect(parts.filter((p) => p.startsWith('header')).length).toBeGreaterThanOrEqual(1);
      expect(parts.filter((p) => p.startsWith('footer')).length).toBeGreaterThanOrEqual(1);
      for (const part of parts)
        expect(textOf(await zip.file(`word/${part}`)!.async('string')), part).toContain(
          'FOR OFFICIAL USE ONLY',
        );
      const sectionXml = await zip.file('word/document.xml')!.async('string');
      for (const type of ['default', 'first', 'even'])
        expect(sectionXml).toMatch(new RegExp(`<w:headerReference w:type="${type}"`));
      if (kind === 'explan') expect(document).not.toContain('CONTROLLER-ONLY');
      if (kind === 'handbook') expect(document).toContain('CONTROLLER-ONLY: fire blanks at 09:31');
    }
  });

  const HEADINGS = {
    en: ['Exercise overview', 'Objectives and core capabilities', 'This is an exercise', 'Safety'],
    ru: ['Общие сведения об учении', 'Цели и базовые способности', 'Это учение', 'Безопасность'],
    kk: [
      'Оқу-жаттығу туралы жалпы мәлімет',
      'Мақсаттар және негізгі қабілеттер',
      'Бұл оқу-жаттығу',
      'Қауіпсіздік',
    ],
  } as const;

  it.each(['kk', 'ru', 'en'] as const)(
    'writes the fixed text of every document in %s, HTML and DOCX, and the exercise data as entered',
    async (lang) => {
      const html = await h.call('player', 'GET', url('explan.html', lang));
      expect(html.statusCode).toBe(200);
      expect(html.headers['content-language']).toBe(lang);
      expect(html.body).toContain(`<html lang="${lang}">`);
      for (const heading of HEADINGS[lang]) expect(html.body).toContain(`<h2>${heading}</h2>`);
      expect(html.body).toContain('Karaganda correctional colony');
      // The time zone by its city in the document's language, not its IANA code.
      expect(html.body).toContain({ en: ', Almaty<', ru: ', Алматы<', kk: ', Алматы<' }[lang]);
      expect(html.body).not.toContain('Asia/Almaty');
      for (const other of (['kk', 'ru', 'en'] as const).filter((l) => l !== lang))
        expect(html.body).not.toContain(`<h2>${HEADINGS[other][2]}</h2>`);
      const handbook = await h.call('controller', 'GET', url('handbook.html', lang));
      expect(handbook.body).toContain(
        {
          en: 'Master scenario events list (MSEL)',
          ru: 'Перечень вводных (MSEL)',
          kk: 'Кіріспелер жоспары (MSEL)',
        }[lang],
      );
      expect(handbook.body).toContain('CONTROLLER-ONLY: fire blanks at 09:31');
      for (const kind of ['explan', 'handbook', 'sitman']) {
        const res = await h.call(
          kind === 'explan' ? 'player' : 'controller',
          'GET',
          url(`${kind}.docx`, lang),
        );
        expect(res.statusCode).toBe(200);
        const zip = await JSZip.loadAsync(res.rawPayload);
        const document = textOf(await zip.file('word/document.xml')!.async('string'));
        expect(document, kind).toContain(HEADINGS[lang][0]);
        expect(document, kind).toContain(HEADINGS[lang][1]);
        expect(document, kind).toContain(XSS);
      }
    },
  );

  it("defaults to the reader's locale, and names the parameter when the language is unknown", async () => {
    // Harness users keep the default locale, Kazakh.
    const res = await h.call('player', 'GET', url('explan.html', ''));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2>Бұл оқу-жаттығу</h2>');
    for (const file of ['explan.html', 'handbook.docx']) {
      const bad = await h.call('controller', 'GET', url(file, 'de'));
      expect(bad.statusCode, file).toBe(400);
      expect(bad.headers['content-type']).toMatch(/application\/problem\+json/);
      expect((bad.json() as { detail: string }).detail).toMatch(/^lang: /);
    }
  });

  it('audits every document handed out', async () => {
    const rows = await h.ctx.db.kysely
      .selectFrom('audit_log')
      .select('detail')
      .where('action', '=', 'exercise.document')
      .where('subject_id', '=', seed.exerciseId)
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
  });
});
