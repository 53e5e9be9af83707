import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { AppError } from '../../errors.js';

const run = promisify(execFile);

/** Debian's LibreOffice program, found on the PATH. */
const SOFFICE = 'soffice';

/**
 * The DOCX as a PDF, converted by LibreOffice (decision 0030): the PDF is then the very document a
 * reader edits, page for page. Each conversion gets its own LibreOffice profile, so conversions at
 * once do not wait for each other's lock. 503 report_pdf_unavailable when LibreOffice is missing.
 */
export async function docxToPdf(docx: Buffer, program = SOFFICE): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'dabyl-aar-'));
  try {
    const input = join(dir, 'report.docx');
    await writeFile(input, docx);
    try {
      await run(
        program,
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          dir,
          input,
        ],
        { timeout: 180_000 },
      );
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT')
        throw new AppError(
          'report_pdf_unavailable',
          503,
          'The PDF cannot be made on this server: LibreOffice (soffice) is not installed',
        );
      throw e;
    }
    return await readFile(join(dir, 'report.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
