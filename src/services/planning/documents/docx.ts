import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, DocumentModel } from './model.js';

// XML 1.0 cannot carry most control characters; a stray one in typed content would corrupt the file.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const xmlSafe = (text: string) => text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

/** Runs for a text with line breaks kept. */
function runs(text: string, style: { bold?: boolean; italics?: boolean } = {}): TextRun[] {
  return xmlSafe(text)
    .split(/\r?\n/)
    .map((line, i) => new TextRun({ text: line, ...style, ...(i > 0 ? { break: 1 } : {}) }));
}

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children: runs(text, { bold: header }) })],
    ...(header ? { shading: { fill: 'EEEEEE' } } : {}),
  });
}

function table(header: string[], rows: string[][]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
    ],
  });
}

function block(b: Block): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading':
      return [new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.text) })];
    case 'paragraph':
      return [new Paragraph({ children: runs(b.text) })];
    case 'notice':
      return [
        new Paragraph({
          children: runs(b.text, { bold: true }),
          border: {
            top: { style: BorderStyle.SINGLE, size: 12, color: '8B0000', space: 4 },
            bottom: { style: BorderStyle.SINGLE, size: 12, color: '8B0000', space: 4 },
            left: { style: BorderStyle.SINGLE, size: 12, color: '8B0000', space: 4 },
            right: { style: BorderStyle.SINGLE, size: 12, color: '8B0000', space: 4 },
          },
        }),
      ];
    case 'list':
      return b.items.map((i) => new Paragraph({ bullet: { level: 0 }, children: runs(i) }));
    case 'fields':
      return [
        table(
          ['', ''],
          b.rows.map(([k, v]) => [k, v]),
        ),
      ];
    case 'table':
      return [table(b.header, b.rows)];
    case 'figure':
      return [figure(b)];
  }
}

/** A chart as a picture 16 cm wide: the SVG for readers that draw it, the PNG as its fallback. */
function figure(b: Extract<Block, { kind: 'figure' }>): Paragraph {
  const width = 600;
  const height = Math.round((b.png.height / b.png.width) * width);
  return new Paragraph({
    children: [
      new ImageRun({
        type: 'svg',
        data: Buffer.from(b.svg, 'utf8'),
        fallback: { type: 'png', data: b.png.data },
        transformation: { width, height },
        altText: { name: b.caption, title: b.caption, description: b.caption },
      }),
      new TextRun({ text: xmlSafe(b.caption), break: 1, italics: true }),
    ],
  });
}

const marking = (text: string, pageOf: [string, string] | null) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [
      new TextRun({ text: xmlSafe(text.toUpperCase()), bold: true, color: '8B0000' }),
      ...(pageOf
        ? [
            new TextRun({
              children: [`   ${pageOf[0]} `, PageNumber.CURRENT, ` ${pageOf[1]} `, PageNumber.TOTAL_PAGES],
            }),
          ]
        : []),
    ],
  });

/**
 * A Word document with the handling marking in the header and footer of every page (the default,
 * first and even headers all carry it, so no page is left unmarked). Wide tables — the MSEL — get a
 * landscape page.
 */
export async function renderDocx(doc: DocumentModel): Promise<Buffer> {
  const wide = doc.blocks.some((b) => b.kind === 'table' && b.header.length > 6);
  const header = new Header({ children: [marking(doc.marking, null)] });
  const footer = new Footer({ children: [marking(doc.marking, doc.pageOf)] });
  const document = new Document({
    creator: xmlSafe(doc.author),
    lastModifiedBy: xmlSafe(doc.author),
    styles: { default: { document: { run: { language: { value: doc.lang } } } } },
    title: xmlSafe(`${doc.kind}: ${doc.title}`),
    description: xmlSafe(doc.audience),
    sections: [
      {
        properties: wide ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        headers: { default: header, first: header, even: header },
        footers: { default: footer, first: footer, even: footer },
        children: [
          new Paragraph({ children: runs(doc.kind) }),
          new Paragraph({ heading: HeadingLevel.TITLE, children: runs(doc.title) }),
          new Paragraph({ children: runs(doc.subtitle) }),
          new Paragraph({ children: runs(doc.audience, { italics: true }) }),
          ...doc.blocks.flatMap(block),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
