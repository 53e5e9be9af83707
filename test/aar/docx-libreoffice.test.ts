/**
 * The report's DOCX opens in LibreOffice: converted with `soffice --headless --convert-to pdf` (the
 * same conversion that makes the PDF export), its first page rendered with `pdftoppm -png` is not
 * blank, and the PDF carries the charts' pictures with their words printed in them.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PNG_SIGNATURE, readPng } from './png-read.js';
import { exportReport, generateReport } from '../../src/services/aar/aar.service.js';
import type { AppContext } from '../../src/services/context.js';
import { openTestRuntime } from '../support/engines.js';
import { buildReportExercise, director, directorInfo, type ReportFixture } from './fixture.js';

const has = (program: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
const soffice = has('soffice') && has('pdftoppm');
if (!soffice)
  console.warn(
    'SKIPPED: LibreOffice (soffice) or pdftoppm is not installed: apt-get install libreoffice-writer-nogui poppler-utils',
  );

describe.skipIf(!soffice)('the report’s DOCX in LibreOffice', () => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let fx: ReportFixture;
  const out = path.resolve('screenshots');

  beforeAll(async () => {
    const rt = await openTestRuntime('sqlite');
    ctx = rt.ctx;
    drop = rt.drop;
    fx = await buildReportExercise(ctx, 'ru');
    await fx.observe('Дорога перекрыта патрулём 7');
    await generateReport(ctx, directorInfo, director, fx.exerciseId);
    mkdirSync(out, { recursive: true });
  });
  afterAll(async () => drop?.());

  it('converts to a PDF whose first page is drawn, not blank, with the charts in it', async () => {
    const pdf = await exportReport(ctx, directorInfo, director, fx.exerciseId, 'pdf');
    expect(pdf.contentType).toBe('application/pdf');
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The charts are pictures in the PDF: image XObjects.
    expect(pdf.body.toString('latin1')).toMatch(/\/Subtype\s*\/Image/);
    const file = path.join(out, 'report-docx.pdf');
    writeFileSync(file, pdf.body);
    execFileSync('pdftoppm', ['-png', '-r', '60', file, path.join(out, 'report-page')]);
    const pages = execFileSync('sh', ['-c', `ls ${out}/report-page-*.png`])
      .toString()
      .trim()
      .split('\n');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    for (const page of pages.slice(0, 3)) {
      const png = readPng(page);
      expect(png.signature.equals(PNG_SIGNATURE)).toBe(true);
      // Not blank: a share of the page is not white.
      expect(png.inkShare).toBeGreaterThan(0.005);
    }
  }, 240_000);

  it('carries the charts’ words in their pictures: each title is printed in its top band', async () => {
    const pdf = await exportReport(ctx, directorInfo, director, fx.exerciseId, 'pdf');
    const file = path.join(out, 'report-charts.pdf');
    writeFileSync(file, pdf.body);
    execFileSync('pdfimages', ['-png', file, path.join(out, 'report-chart')]);
    const pictures = execFileSync('sh', ['-c', `ls ${out}/report-chart-*.png`])
      .toString()
      .trim()
      .split('\n');
    // The timeline and the two response-time charts.
    expect(pictures).toHaveLength(3);
    for (const picture of pictures) {
      // At the pictures' scale of 2 the title's letters sit in rows 8 to 30; a picture whose text
      // was left out (as before) is white there.
      const band = readPng(picture, [8, 30]);
      expect(band.inkShare, picture).toBeGreaterThan(0.01);
    }
  }, 240_000);
});
